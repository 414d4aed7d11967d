namespace Likeness.Cli.Commands.Bench;

/// <summary>The statistics the benches report over their timed runs.</summary>
internal static class Samples
{
    /// <summary>The median (the mean of the two middle values of an even count); 0 for no samples.</summary>
    public static double Median(IEnumerable<double> samples)
    {
        double[] sorted = [.. samples.Order()];
        if (sorted.Length == 0)
        {
            return 0;
        }

        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>The <paramref name="q"/> quantile by nearest rank (0.95: the value 95 % of the runs do not exceed).</summary>
    public static double Percentile(IEnumerable<double> samples, double q)
    {
        double[] sorted = [.. samples.Order()];
        return sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(q * sorted.Length))];
    }
}
