using Likeness.Core.Gates;

namespace Likeness.Core.Tests.Gates;

/// <summary>Leave-one-out calibration on synthetic embeddings whose distances are known.</summary>
public sealed class CharacterCalibratorTests
{
    /// <summary>A point on the first axis at <paramref name="x"/> and the second at <paramref name="y"/> (2-D embeddings).</summary>
    private static float[] At(double x, double y = 0) => [(float)x, (float)y];

    [Fact]
    public void Genuine_samples_are_leave_one_out_and_impostors_are_scored_against_every_reference()
    {
        IReadOnlyList<float>[] own = [At(0), At(0.2), At(0.4)];
        IReadOnlyList<float>[] impostors = [.. Enumerable.Range(0, 30).Select(i => (IReadOnlyList<float>)At(2 + (i * 0.1)))];
        var (calibration, warnings) = CharacterCalibrator.Calibrate(new CalibrationInputs(GateMetrics.Face, "test", own, impostors[..5], impostors[5..]), 0.1);

        Assert.Equal(3, calibration.GenuineCount);
        Assert.Equal(30, calibration.ImpostorCount);
        // Impostor i at 2 + 0.1 i is on average 1.8 + 0.1 i from (0, 0.2, 0.4); a 10 % FAR admits the nearest three: 2.0.
        // The largest genuine leave-one-out mean is 0.3 (0.4 to 0 and 0.2), well under it.
        Assert.Equal(2.0, calibration.Threshold!.Value, 5);
        Assert.Equal((0.1, 0.0), (calibration.FalseAcceptRate, calibration.FalseRejectRate));
        // 3 of 30 vouch only for FAR under about 26 %: the warning says so.
        Assert.Contains(warnings, w => w.Contains("can only vouch", StringComparison.Ordinal));
    }

    [Fact]
    public void Two_references_and_few_impostors_are_warned_about_and_give_no_threshold()
    {
        IReadOnlyList<float>[] own = [At(0), At(0.2)];
        var (calibration, warnings) = CharacterCalibrator.Calibrate(new CalibrationInputs(GateMetrics.Face, "test", own, [At(3)], []), 0.01);
        Assert.False(calibration.Calibrated);
        Assert.Null(calibration.Threshold);
        Assert.Contains(warnings, w => w.Contains("genuine sample(s)", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("impostor face(s)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_target_the_impostor_count_cannot_vouch_for_is_warned_about_with_the_count_that_would()
    {
        IReadOnlyList<float>[] own = [At(0), At(0.2), At(0.4)];
        IReadOnlyList<float>[] impostors = [.. Enumerable.Range(0, 20).Select(i => (IReadOnlyList<float>)At(2 + i))];
        var (calibration, warnings) = CharacterCalibrator.Calibrate(new CalibrationInputs(GateMetrics.Face, "test", own, impostors, []), 0.01);
        Assert.True(calibration.Calibrated);
        // 0 of 20 impostors accepted: the Wilson bound is 3.84 / 23.84 = 16 %, far above 1 %; 381 impostors would vouch for it.
        Assert.InRange(calibration.FalseAcceptRateUpper95!.Value, 0.15, 0.17);
        Assert.Contains(warnings, w => w.Contains("about 381 impostor faces", StringComparison.Ordinal));
    }

    [Fact]
    public void The_fingerprint_changes_with_the_references_and_not_with_their_order()
    {
        Guid a = Guid.NewGuid(), b = Guid.NewGuid(), c = Guid.NewGuid();
        Assert.Equal(CalibrationFingerprint.Of("face", "m", [a, b]), CalibrationFingerprint.Of("face", "m", [b, a]));
        Assert.NotEqual(CalibrationFingerprint.Of("face", "m", [a, b]), CalibrationFingerprint.Of("face", "m", [a, b, c]));
        Assert.NotEqual(CalibrationFingerprint.Of("face", "m", [a]), CalibrationFingerprint.Of("clip-i", "m", [a]));
    }

    [Fact]
    public void Cosine_distance_is_zero_for_the_same_direction_and_one_for_orthogonal()
    {
        Assert.Equal(0, EmbeddingDistance.CosineDistance(At(1, 1), At(2, 2)), 6);
        Assert.Equal(1, EmbeddingDistance.CosineDistance(At(1), At(0, 1)), 6);
    }
}
