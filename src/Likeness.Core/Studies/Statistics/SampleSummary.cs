namespace Likeness.Core.Studies.Statistics;

/// <summary>A sample's size, mean, sample SD and 95 % bootstrap percentile interval of the mean.</summary>
/// <param name="Count">Number of values.</param>
/// <param name="Mean">The mean; null when empty.</param>
/// <param name="StandardDeviation">The sample SD; null below two values.</param>
/// <param name="Ci95">The bootstrap interval of the mean; null when empty.</param>
public sealed record SampleSummary(int Count, double? Mean, double? StandardDeviation, Interval? Ci95)
{
    /// <summary>Summarises <paramref name="values"/> with a seeded bootstrap.</summary>
    public static SampleSummary Of(IReadOnlyList<double> values, int seed, int resamples) =>
        new(values.Count, Descriptive.Mean(values), Descriptive.StandardDeviation(values), Bootstrap.MeanInterval(values, seed, resamples));
}
