namespace Likeness.Core.Studies.Statistics;

/// <summary>The Wilson score interval for a binomial proportion, shown next to the bootstrap one.</summary>
public static class Wilson
{
    /// <summary>z for a two-sided 95 % interval.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>
    /// (p̂ + z²/2n ± z·√(p̂(1 − p̂)/n + z²/4n²)) / (1 + z²/n); null when n is 0. Unlike the bootstrap it does not
    /// collapse to [0, 0] or [1, 1] when every trial fails or passes.
    /// </summary>
    public static Interval? Interval(int successes, int trials, double z = Z95)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, trials);
        if (trials == 0)
        {
            return null;
        }

        double n = trials;
        double p = successes / n;
        double z2 = z * z;
        double centre = p + (z2 / (2 * n));
        double spread = z * Math.Sqrt((p * (1 - p) / n) + (z2 / (4 * n * n)));
        double denominator = 1 + (z2 / n);
        return new Interval(Math.Max(0, (centre - spread) / denominator), Math.Min(1, (centre + spread) / denominator));
    }
}
