namespace Likeness.Core.Studies.Scorecard;

/// <summary>One provider's scorecard row.</summary>
/// <param name="Provider">The provider.</param>
/// <param name="DisplayName">Its name for people.</param>
/// <param name="Entries">Per-criterion scores in display order.</param>
/// <param name="Total">Σ weight·score over the scored criteria divided by their total weight.</param>
/// <param name="Tier">1, 2 or 3.</param>
public sealed record ProviderScore(string Provider, string DisplayName, IReadOnlyList<ScoreEntry> Entries, double Total, int Tier)
{
    /// <summary>Price per image ÷ measured identity pass rate, with its interval; null when no shot was judged.</summary>
    public Gates.KeptShotCost? CostPerKept { get; init; }
}
