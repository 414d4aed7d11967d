namespace Likeness.Core.Studies.Statistics;

/// <summary>Quantiles by linear interpolation between order statistics (numpy's default, "type 7").</summary>
public static class Quantile
{
    /// <summary>The p-quantile of an ascending array: position p·(n − 1), interpolated.</summary>
    public static double OfSorted(IReadOnlyList<double> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
        {
            throw new ArgumentException("An empty sample has no quantile.", nameof(sorted));
        }

        double position = Math.Clamp(p, 0, 1) * (sorted.Count - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Count - 1);
        double fraction = position - below;
        return sorted[below] + (fraction * (sorted[above] - sorted[below]));
    }
}
