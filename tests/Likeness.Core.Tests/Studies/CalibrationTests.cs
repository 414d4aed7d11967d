using Likeness.Core.Studies;
using Likeness.Core.Studies.Calibration;

namespace Likeness.Core.Tests.Studies;

public class CalibrationTests
{
    private static readonly double[] Genuine = [0.2, 0.3, 0.4, 0.5];
    private static readonly double[] Impostor = [0.45, 0.6, 0.65, 0.7, 0.72, 0.75, 0.8, 0.85, 0.9, 0.95];

    [Fact]
    public void Threshold_is_the_largest_observed_distance_within_the_target_far()
    {
        // Target 10 % of 10 impostors allows one (0.45). Candidate 0.5 accepts only 0.45 (FAR 0.1); 0.6 would accept two.
        ThresholdCalibration c = ThresholdCalibrator.Calibrate(new CalibrationSamples("t", Genuine, Impostor), 0.10);
        Assert.True(c.Calibrated);
        Assert.Equal(0.5, c.Threshold);
        Assert.Equal(0.1, c.FalseAcceptRate);
        Assert.Equal(0, c.FalseRejectRate);
        Assert.Empty(c.Notes);
    }

    [Fact]
    public void A_target_below_one_over_n_keeps_every_impostor_out_and_says_so()
    {
        // 1 % of 10 impostors rounds down to none: the largest candidate below 0.45 is the genuine 0.4; 0.5 is rejected (FRR 1/4).
        ThresholdCalibration c = ThresholdCalibrator.Calibrate(new CalibrationSamples("t", Genuine, Impostor), 0.01);
        Assert.Equal(0.4, c.Threshold);
        Assert.Equal(0, c.FalseAcceptRate);
        Assert.Equal(0.25, c.FalseRejectRate);
        Assert.Contains(c.Notes, n => n.Contains("1/10", StringComparison.Ordinal));
        Assert.True(c.FalseAcceptRateUpper95 > 0.2, "Zero of ten impostors only bounds the FAR at about 28 %.");
    }

    [Fact]
    public void Curve_rates_are_monotone_and_match_counts()
    {
        ThresholdCalibration c = ThresholdCalibrator.Calibrate(new CalibrationSamples("t", Genuine, Impostor), 0.10);
        Assert.Equal(14, c.Curve.Count);
        for (int i = 1; i < c.Curve.Count; i++)
        {
            Assert.True(c.Curve[i].FalseAcceptRate >= c.Curve[i - 1].FalseAcceptRate);
            Assert.True(c.Curve[i].FalseRejectRate <= c.Curve[i - 1].FalseRejectRate);
        }

        ErrorRatePoint at = ThresholdCalibrator.At(0.7, Genuine, Impostor);
        Assert.Equal(0.4, at.FalseAcceptRate, 12);
        Assert.Equal(0, at.FalseRejectRate);
    }

    [Fact]
    public void When_an_impostor_is_the_closest_distance_the_threshold_sits_below_it()
    {
        double[] impostor = [0.1, .. Enumerable.Range(0, 9).Select(i => 0.9 + (i * 0.01))];
        ThresholdCalibration c = ThresholdCalibrator.Calibrate(new CalibrationSamples("t", [0.5, 0.5, 0.5], impostor), 0.0);
        Assert.True(c.Threshold < 0.1);
        Assert.Equal(0, c.FalseAcceptRate);
        Assert.Equal(1, c.FalseRejectRate);
    }

    [Fact]
    public void Without_samples_there_is_no_threshold_and_the_reason_says_why()
    {
        ThresholdCalibration c = ThresholdCalibrator.Calibrate(null, 0.01);
        Assert.False(c.Calibrated);
        Assert.Null(c.Threshold);
        Assert.Contains("no face engine", c.Reason, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => ThresholdCalibrator.Calibrate(null, 1.5));
    }

    [Theory]
    [InlineData(2, 10, "2 genuine and 10 impostor pairs; at least 3 and 10 are needed.")]
    [InlineData(3, 9, "3 genuine and 9 impostor pairs; at least 3 and 10 are needed.")]
    public void Too_few_pairs_are_refused_with_the_minimums(int genuineCount, int impostorCount, string reason)
    {
        double[] genuine = [.. Enumerable.Range(0, genuineCount).Select(i => 0.3 + (i * 0.01))];
        double[] impostor = [.. Enumerable.Range(0, impostorCount).Select(i => 0.8 + (i * 0.01))];
        ThresholdCalibration c = ThresholdCalibrator.Calibrate(new CalibrationSamples("t", genuine, impostor), 0.01);
        Assert.False(c.Calibrated);
        Assert.Null(c.Threshold);
        Assert.Equal(reason, c.Reason);
        Assert.True(ThresholdCalibrator.Calibrate(new CalibrationSamples("t", [.. genuine, 0.35], [.. impostor, 0.95]), 0.01).Calibrated);
    }

    [Fact]
    public void Overlapping_files_are_refused_and_named()
    {
        var samples = new CalibrationSamples("t", Genuine, Impostor) { Overlaps = [new CalibrationOverlap("Carl", "Barack Obama", "a.jpg", "obama.jpg")] };
        ThresholdCalibration c = ThresholdCalibrator.Calibrate(samples, 0.01);
        Assert.False(c.Calibrated);
        Assert.Null(c.Threshold);
        Assert.Contains("overlap in 1 file(s) (Carl's a.jpg is Barack Obama's obama.jpg)", c.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_impostor_pair_at_distance_zero_is_refused_not_turned_into_a_negative_threshold()
    {
        // What results written before the fix hold: the same photo as "two characters" gave impostors at 0 and τ = -1e-9.
        ThresholdCalibration c = ThresholdCalibrator.Calibrate(new CalibrationSamples("t", Genuine, [0, 0, .. Impostor]), 0.01);
        Assert.False(c.Calibrated);
        Assert.Null(c.Threshold);
        Assert.Equal("2 impostor pair(s) are at distance 0, the same image on both sides.", c.Reason);
    }

    [Fact]
    public void Separated_distributions_give_a_threshold_between_them()
    {
        // Constructed: genuine uniform on [0.25, 0.45], impostor uniform on [0.65, 0.95], 200 impostors, target 1 %.
        double[] genuine = [.. Enumerable.Range(0, 50).Select(i => 0.25 + (0.2 * i / 49))];
        double[] impostor = [.. Enumerable.Range(0, 200).Select(i => 0.65 + (0.3 * i / 199))];
        ThresholdCalibration c = ThresholdCalibrator.Calibrate(new CalibrationSamples("t", genuine, impostor), 0.01);

        // Two impostors (1 % of 200) may pass: the threshold is the second impostor, FRR 0.
        Assert.Equal(impostor[1], c.Threshold!.Value, 12);
        Assert.Equal(0.01, c.FalseAcceptRate!.Value, 12);
        Assert.Equal(0, c.FalseRejectRate);
    }

    [Fact]
    public void Identity_pass_uses_the_mean_distance_and_fails_shots_without_a_face()
    {
        StudyShotResult shot = StudyFixtures.Shot("a", "s", 1, distance: 0.55) with { FaceDistanceMin = 0.3 };
        Assert.False(StudyAnalyzer.IdentityPass(shot, 0.5));
        Assert.True(StudyAnalyzer.IdentityPass(shot, 0.55));
        Assert.False(StudyAnalyzer.IdentityPass(shot with { FaceDistance = null, FaceDetected = false }, 0.5));
        Assert.Null(StudyAnalyzer.IdentityPass(shot with { FaceDistance = null, FaceDetected = null }, 0.5));
        Assert.Null(StudyAnalyzer.IdentityPass(shot with { Status = StudyStatuses.Failed }, 0.5));
    }
}
