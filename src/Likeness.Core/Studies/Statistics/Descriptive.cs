namespace Likeness.Core.Studies.Statistics;

/// <summary>Mean and sample standard deviation.</summary>
public static class Descriptive
{
    /// <summary>The arithmetic mean; null for an empty sample.</summary>
    public static double? Mean(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return null;
        }

        double sum = 0;
        foreach (double v in values)
        {
            sum += v;
        }

        return sum / values.Count;
    }

    /// <summary>The sample standard deviation (n − 1 in the denominator); null below two values.</summary>
    public static double? StandardDeviation(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count < 2)
        {
            return null;
        }

        double mean = Mean(values)!.Value;
        double squares = 0;
        foreach (double v in values)
        {
            squares += (v - mean) * (v - mean);
        }

        return Math.Sqrt(squares / (values.Count - 1));
    }

    /// <summary>The sample variance (n − 1); null below two values.</summary>
    public static double? Variance(IReadOnlyList<double> values) => StandardDeviation(values) is { } sd ? sd * sd : null;
}
