namespace Likeness.Core.Studies.Projections;

/// <summary>What one provider costs: per image and per character trained.</summary>
/// <param name="Provider">The provider.</param>
/// <param name="PerImageUsd">Cost of one generation.</param>
/// <param name="PerImageSource">"measured" (mean over the study's new, successful calls) or "price table".</param>
/// <param name="TrainingPerCharacterUsd">One-off cost per character (0 for reference-based approaches).</param>
public sealed record CostBasis(string Provider, decimal PerImageUsd, string PerImageSource, decimal TrainingPerCharacterUsd)
{
    /// <summary>Cost of <paramref name="generations"/> generations spread over <paramref name="characters"/> characters.</summary>
    public decimal Total(long generations, int characters) => (PerImageUsd * generations) + (TrainingPerCharacterUsd * characters);

    /// <summary>
    /// The basis of a provider from its facts and shots: the measured mean cost of successful shots that made a new
    /// provider call (cached shots cost nothing and would flatter the provider), else the price table's price.
    /// </summary>
    public static CostBasis Of(StudyProviderFacts facts, IEnumerable<StudyShotResult> shots)
    {
        ArgumentNullException.ThrowIfNull(facts);
        decimal[] measured = [.. shots.Where(s => s.Provider == facts.Provider && s.Status == StudyStatuses.Succeeded && !s.Cached && s.CostUsd is not null).Select(s => s.CostUsd!.Value)];
        return measured.Length > 0
            ? new CostBasis(facts.Provider, measured.Average(), "measured", facts.TrainingCostUsd ?? 0)
            : new CostBasis(facts.Provider, facts.PricePerImageUsd, "price table", facts.TrainingCostUsd ?? 0);
    }
}
