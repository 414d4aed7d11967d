namespace Likeness.Core.Studies.Projections;

/// <summary>
/// Where two approaches cost the same per character: training T plus n generations at price P, so
/// Tₐ + Pₐ·n = T_b + P_b·n gives n* = (T_b − Tₐ) / (Pₐ − P_b).
/// </summary>
/// <param name="ProviderA">First provider.</param>
/// <param name="ProviderB">Second provider.</param>
/// <param name="GenerationsPerCharacter">n*; null when the lines never cross at a positive n.</param>
/// <param name="CheaperBelow">The provider cheaper below n* (or everywhere when they never cross); null when equal.</param>
/// <param name="CheaperAbove">The provider cheaper above n*; null when they never cross.</param>
public sealed record BreakEven(string ProviderA, string ProviderB, double? GenerationsPerCharacter, string? CheaperBelow, string? CheaperAbove)
{
    /// <summary>Computes the break-even point of two cost bases.</summary>
    public static BreakEven Between(CostBasis a, CostBasis b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        decimal trainingGap = b.TrainingPerCharacterUsd - a.TrainingPerCharacterUsd;
        decimal priceGap = a.PerImageUsd - b.PerImageUsd;
        if (priceGap != 0)
        {
            decimal n = trainingGap / priceGap;
            if (n > 0)
            {
                // Past n*, the one with the lower per-image price wins.
                string cheaperAbove = priceGap > 0 ? b.Provider : a.Provider;
                string cheaperBelow = priceGap > 0 ? a.Provider : b.Provider;
                return new BreakEven(a.Provider, b.Provider, (double)n, cheaperBelow, cheaperAbove);
            }
        }

        // No crossing at n > 0: compare the costs of the first generation; one is cheaper (or equal) everywhere.
        decimal first = (a.TrainingPerCharacterUsd + a.PerImageUsd) - (b.TrainingPerCharacterUsd + b.PerImageUsd);
        string? always = first < 0 ? a.Provider : first > 0 ? b.Provider : priceGap < 0 ? a.Provider : priceGap > 0 ? b.Provider : null;
        return new BreakEven(a.Provider, b.Provider, null, always, null);
    }
}
