using Likeness.Imaging;
using Likeness.Inference.Faces;

namespace Likeness.Inference.Tests.Faces;

/// <summary>The detector passes: which run in each mode, how they merge, and that the downscaled pass maps back to image pixels.</summary>
public class MultiScaleTests
{
    [Fact]
    public void Faceapi_mode_runs_faceapis_single_size()
    {
        Assert.Equal([new DetectorPass(416, 1)], new FaceAnalyzerOptions { Alignment = FaceAlignment.FaceApi }.DetectorPasses());
    }

    [Fact]
    public void Affine_mode_runs_four_sizes_and_a_downscaled_pass()
    {
        Assert.Equal(
            [new DetectorPass(416, 1), new DetectorPass(224, 1), new DetectorPass(320, 1), new DetectorPass(608, 1), new DetectorPass(416, 0.5)],
            new FaceAnalyzerOptions().DetectorPasses());
        Assert.Equal([new DetectorPass(320, 1)], new FaceAnalyzerOptions { InputSize = 320, ExtraInputSizes = [], DownscaledFill = 0 }.DetectorPasses());
    }

    [Fact]
    public void A_size_is_run_once_even_when_it_repeats_or_is_the_primary()
    {
        Assert.Equal(
            [new DetectorPass(224, 1), new DetectorPass(320, 1), new DetectorPass(608, 1), new DetectorPass(224, 0.5)],
            new FaceAnalyzerOptions { InputSize = 224 }.DetectorPasses());
        Assert.Equal(
            [new DetectorPass(416, 1), new DetectorPass(320, 1), new DetectorPass(416, 0.5)],
            new FaceAnalyzerOptions { ExtraInputSizes = [416, 320, 320] }.DetectorPasses());
    }

    [Fact]
    public void The_primary_sizes_faces_come_first_unchanged()
    {
        using Image image = FaceTestData.LoadPpm("inputs", "sample2_640.ppm");
        var analyzer = new FaceAnalyzer(FaceModels.Default);
        IReadOnlyList<FaceDetection> primary = analyzer.Detect(image, new DetectorPass(416, 1));
        IReadOnlyList<FaceDetection> merged = analyzer.Detect(image);
        Assert.Single(primary);
        Assert.Equal(primary, merged.Take(primary.Count));
        Assert.True(merged.Count > primary.Count, "a further pass finds the second face (looking down, its box from x ≈ 285, centred at x ≈ 320)");
        FaceDetection extra = merged[primary.Count];
        Assert.InRange(extra.Box.X + (extra.Box.Width / 2), 290, 350); // the girl's face: its centre within 30 px of where it was seen
    }

    [Fact]
    public void A_bad_pass_is_refused_before_the_detector_runs()
    {
        using Image image = FaceTestData.LoadPpm("inputs", "sample2_640.ppm");
        var analyzer = new FaceAnalyzer(FaceModels.Default);
        Assert.Throws<ArgumentOutOfRangeException>(() => analyzer.Detect(image, new DetectorPass(416, 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => analyzer.Detect(image, new DetectorPass(100, 1)));
    }

    [Fact]
    public void The_downscaled_pass_reports_boxes_in_image_pixels()
    {
        using Image image = FaceTestData.LoadPpm("pd-inputs", "obama_640.ppm");
        var analyzer = new FaceAnalyzer(FaceModels.Default);
        FaceDetection full = Assert.Single(analyzer.Detect(image, new DetectorPass(416, 1)));
        FaceDetection shrunk = Assert.Single(analyzer.Detect(image, new DetectorPass(416, 0.5)));
        // The same face, about the same box: the decoder's square is the padded canvas, which is the image at scale 1.
        Assert.Equal(full.Box.X + (full.Box.Width / 2), shrunk.Box.X + (shrunk.Box.Width / 2), full.Box.Width * 0.15);
        Assert.Equal(full.Box.Y + (full.Box.Height / 2), shrunk.Box.Y + (shrunk.Box.Height / 2), full.Box.Height * 0.15);
        // The net draws a looser box around a small face (here 1.4 times as wide), still the same face by the merge's IoU.
        Assert.InRange(shrunk.Box.Width / full.Box.Width, 0.8, 1.6);
    }

    [Fact]
    public void Bad_pass_settings_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FaceAnalyzer(FaceModels.Default, new FaceAnalyzerOptions { ExtraInputSizes = [100] }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FaceAnalyzer(FaceModels.Default, new FaceAnalyzerOptions { DownscaledFill = 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FaceAnalyzer(FaceModels.Default, new FaceAnalyzerOptions { DownscaledFill = -0.1 }));
    }
}
