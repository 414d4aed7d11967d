using Likeness.Core.Studies.Calibration;

namespace Likeness.Core.Tests.Studies;

public sealed class DinoCalibrationTests
{
    [Fact]
    public void Separation_is_the_signed_gap_in_pooled_standard_deviations_for_similarities_and_distances()
    {
        Separation cosines = Separation.Of([0.9, 0.8, 0.7], [0.3, 0.2, 0.1], higherIsSame: true);
        Assert.Equal(0.8, cosines.GenuineMean!.Value, 1e-12);
        Assert.Equal(0.2, cosines.ImpostorMean!.Value, 1e-12);
        Assert.Equal((3, 3), (cosines.GenuineCount, cosines.ImpostorCount));
        Assert.Equal(0.6, cosines.Margin!.Value, 1e-12);
        Assert.Equal(6, cosines.DPrime!.Value, 1e-9);

        Separation distances = Separation.Of([0.3, 0.4, 0.5], [0.7, 0.9, 1.1], higherIsSame: false);
        Assert.Equal(0.5, distances.Margin!.Value, 1e-12);
        Assert.Equal(0.5 / Math.Sqrt((0.01 + 0.04) / 2), distances.DPrime!.Value, 1e-9);

        Separation wrongSide = Separation.Of([0.1, 0.2], [0.8, 0.9], higherIsSame: true);
        Assert.True(wrongSide.DPrime < 0);
        Assert.Null(Separation.Of([0.5], [0.1, 0.2], higherIsSame: true).DPrime);
        Assert.Null(Separation.Of([], [0.1], higherIsSame: true).Margin);
    }

    [Fact]
    public void DINO_I_is_calibrated_on_one_minus_cosine_and_its_threshold_read_back_as_a_cosine()
    {
        double[] genuine = [0.92, 0.88, 0.85, 0.9];
        double[] impostor = [.. Enumerable.Range(0, 20).Select(i => 0.40 + (i * 0.01))];
        DinoCalibration dino = DinoCalibration.Of(new DinoCalibrationSamples("dino/x", genuine, impostor, genuine, impostor), 0.01)!;

        Assert.True(dino.Whole.Calibrated);
        // 20 impostors cannot measure a 1 % FAR, so the threshold keeps every impostor out: the largest 1 - cosine
        // below them all is the genuine 0.85's 0.15, and every genuine pair passes.
        Assert.Equal(0.85, DinoCalibration.CosineThreshold(dino.Whole)!.Value, 1e-12);
        Assert.Equal(0, dino.Whole.FalseAcceptRate);
        Assert.Equal(0, dino.Whole.FalseRejectRate);
        Assert.Equal("dino/x", dino.Whole.FaceAnalyzer);
        Assert.Null(DinoCalibration.Of(null, 0.01));
    }

    [Fact]
    public void Too_few_pairs_leave_DINO_I_uncalibrated()
    {
        DinoCalibration dino = DinoCalibration.Of(new DinoCalibrationSamples("dino/x", [0.9], [0.2, 0.3], [0.9], [0.2, 0.3]), 0.05)!;
        Assert.False(dino.Crop.Calibrated);
        Assert.Null(DinoCalibration.CosineThreshold(dino.Crop));
    }
}
