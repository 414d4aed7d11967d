namespace Likeness.Core.Studies.Scorecard;

/// <summary>The weighted scorecard, rows in descending total.</summary>
/// <param name="Weights">The weights used.</param>
/// <param name="Tier1">Lowest total for Tier 1.</param>
/// <param name="Tier2">Lowest total for Tier 2.</param>
/// <param name="Rows">One row per provider, best first.</param>
public sealed record StudyScorecard(IReadOnlyDictionary<string, double> Weights, double Tier1, double Tier2, IReadOnlyList<ProviderScore> Rows);
