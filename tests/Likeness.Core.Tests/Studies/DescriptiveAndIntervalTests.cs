using Likeness.Core.Studies.Statistics;

namespace Likeness.Core.Tests.Studies;

public class DescriptiveAndIntervalTests
{
    [Fact]
    public void Mean_and_sample_sd_match_the_hand_computed_example()
    {
        // Mean (2+4+4+4+5+5+7+9)/8 = 5; squared deviations 9+1+1+1+0+0+4+16 = 32; sample variance 32/7; SD √(32/7) = 2.13809.
        double[] values = [2, 4, 4, 4, 5, 5, 7, 9];
        Assert.Equal(5, Descriptive.Mean(values)!.Value, 12);
        Assert.Equal(Math.Sqrt(32.0 / 7), Descriptive.StandardDeviation(values)!.Value, 12);
        Assert.Equal(2.13809, Descriptive.StandardDeviation(values)!.Value, 5);
    }

    [Fact]
    public void Empty_and_single_samples_have_no_sd()
    {
        Assert.Null(Descriptive.Mean([]));
        Assert.Null(Descriptive.StandardDeviation([3.0]));
        Assert.Equal(3.0, Descriptive.Mean([3.0]));
    }

    [Fact]
    public void Quantile_interpolates_between_order_statistics()
    {
        // Position 0.25·(4 − 1) = 0.75: 1 + 0.75·(2 − 1) = 1.75.
        Assert.Equal(1.75, Quantile.OfSorted([1, 2, 3, 4], 0.25), 12);
        Assert.Equal(4, Quantile.OfSorted([1, 2, 3, 4], 1), 12);
    }

    [Fact]
    public void Bootstrap_is_deterministic_and_collapses_on_a_constant_sample()
    {
        double[] values = [0.4, 0.45, 0.52, 0.38, 0.61, 0.47, 0.44];
        Assert.Equal(Bootstrap.MeanInterval(values, 7), Bootstrap.MeanInterval(values, 7));
        Assert.NotEqual(Bootstrap.MeanInterval(values, 7), Bootstrap.MeanInterval(values, 8));
        Assert.Equal(new Interval(3, 3), Bootstrap.MeanInterval([3.0, 3.0, 3.0], 1));
        Assert.Null(Bootstrap.MeanInterval([], 1));
    }

    [Fact]
    public void Bootstrap_interval_approximates_the_normal_interval_on_a_large_sample()
    {
        // 1..100: mean 50.5, population SD √((100² − 1)/12) = 28.866, SE 2.8866, so about 50.5 ± 1.96·2.8866 = [44.84, 56.16].
        double[] values = [.. Enumerable.Range(1, 100).Select(i => (double)i)];
        Interval ci = Bootstrap.MeanInterval(values, 11)!;
        Assert.InRange(ci.Low, 44.3, 45.4);
        Assert.InRange(ci.High, 55.6, 56.7);
    }

    [Fact]
    public void Wilson_matches_the_hand_computed_intervals()
    {
        // z² = 3.8415. k = 0, n = 10: high = (z²/20 + z·√(z²/400)) / (1 + z²/10) = 0.38415 / 1.38415 = 0.27754.
        Interval zero = Wilson.Interval(0, 10)!;
        Assert.Equal(0, zero.Low, 12);
        Assert.Equal(0.27754, zero.High, 4);

        // k = 5, n = 10: centre 0.5 + 0.19207, spread 1.96·√(0.025 + 0.0096037) = 0.36460; /1.38415 → [0.23659, 0.76341].
        Interval half = Wilson.Interval(5, 10)!;
        Assert.Equal(0.23659, half.Low, 4);
        Assert.Equal(0.76341, half.High, 4);
        Assert.Null(Wilson.Interval(0, 0));
    }

    [Fact]
    public void Rate_summary_counts_and_intervals()
    {
        RateSummary rate = RateSummary.Of([true, true, false, true], 3, 2000);
        Assert.Equal(3, rate.Successes);
        Assert.Equal(4, rate.Trials);
        Assert.Equal(0.75, rate.Rate);
        Assert.InRange(rate.BootstrapCi95!.Low, 0, 0.75);
        Assert.Equal(Wilson.Interval(3, 4), rate.WilsonCi95);
    }
}
