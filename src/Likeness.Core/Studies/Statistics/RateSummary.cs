namespace Likeness.Core.Studies.Statistics;

/// <summary>A pass rate with its bootstrap and Wilson 95 % intervals.</summary>
/// <param name="Successes">Passing trials.</param>
/// <param name="Trials">All trials.</param>
/// <param name="Rate">Successes / trials; null without trials.</param>
/// <param name="BootstrapCi95">Percentile bootstrap of the 0/1 outcomes.</param>
/// <param name="WilsonCi95">Wilson score interval.</param>
public sealed record RateSummary(int Successes, int Trials, double? Rate, Interval? BootstrapCi95, Interval? WilsonCi95)
{
    /// <summary>Summarises 0/1 outcomes.</summary>
    public static RateSummary Of(IReadOnlyList<bool> outcomes, int seed, int resamples)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        int successes = outcomes.Count(o => o);
        double[] values = [.. outcomes.Select(o => o ? 1.0 : 0.0)];
        return new RateSummary(
            successes,
            outcomes.Count,
            outcomes.Count == 0 ? null : successes / (double)outcomes.Count,
            Bootstrap.MeanInterval(values, seed, resamples),
            Wilson.Interval(successes, outcomes.Count));
    }
}
