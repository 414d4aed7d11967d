namespace Likeness.Core.Studies.Statistics;

/// <summary>
/// Percentile bootstrap confidence intervals for a mean. Deterministic: the resampling generator is seeded, so the
/// same data and seed always give the same interval (a report can be regenerated and compared).
/// </summary>
public static class Bootstrap
{
    /// <summary>The default number of resamples.</summary>
    public const int DefaultResamples = 10_000;

    /// <summary>
    /// The percentile interval of the mean: resample the values with replacement <paramref name="resamples"/> times,
    /// take each resample's mean, and return the (1 − level)/2 and (1 + level)/2 quantiles of those means
    /// (linear interpolation between order statistics). Null for an empty sample; a single value gives [v, v].
    /// </summary>
    public static Interval? MeanInterval(IReadOnlyList<double> values, int seed, int resamples = DefaultResamples, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 1);
        if (level is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "The level must lie strictly between 0 and 1.");
        }

        if (values.Count == 0)
        {
            return null;
        }

        var random = new Random(seed);
        var means = new double[resamples];
        int n = values.Count;
        for (int r = 0; r < resamples; r++)
        {
            double sum = 0;
            for (int i = 0; i < n; i++)
            {
                sum += values[random.Next(n)];
            }

            means[r] = sum / n;
        }

        Array.Sort(means);
        double alpha = (1 - level) / 2;
        return new Interval(Quantile.OfSorted(means, alpha), Quantile.OfSorted(means, 1 - alpha));
    }
}
