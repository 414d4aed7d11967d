using Likeness.Imaging;
using Likeness.Imaging.Resampling;
using Likeness.Imaging.Transforms;
using Likeness.Inference.Faces;
using Likeness.Testing;
using Likeness.Workspace.Demo;
using Likeness.Workspace.Faces;
using Xunit.Abstractions;

namespace Likeness.Workspace.Tests.Faces;

/// <summary>
/// The default (affine, multi-scale) detector finds every face that any single input size finds, on the demo's own
/// shots and on close-ups cut from the public-domain photos, a face in every one of them, and more than 416 alone;
/// the counts per size go to the test output.
/// </summary>
public sealed class MultiScaleDetectionTests(ITestOutputHelper output)
{
    private static readonly int[] SingleSizes = [224, 320, 416, 608];

    [Fact]
    public async Task The_default_finds_every_face_a_single_size_finds_on_the_demo_shots()
    {
        using var folder = new TempFolder();
        FaceEngine faces = FaceEngine.TryLoadDefault(out string? problem) ?? throw new InvalidOperationException(problem);
        using LikenessWorkspace workspace = await LikenessWorkspace.OpenAsync(
            new WorkspaceOptions { Home = folder.Path, SimTrainingDuration = TimeSpan.FromSeconds(0.2) }, faces);
        string shots = Path.Combine(folder.Path, "demo");
        await new DemoRunner(workspace).RunAsync(Path.Combine(RepoPaths.Root, "samples", "cast"), shots);

        var images = new List<(string Name, Image Image)>();
        foreach (string file in Directory.GetFiles(Path.Combine(shots, "images")).Where(f => !f.Contains(".thumb.", StringComparison.Ordinal)).Order())
        {
            using DecodedImage decoded = ImageDecoder.DecodeFile(file, DecodeOptions.Upright);
            images.Add((Path.GetFileName(file), decoded.Image.Clone()));
        }

        Assert.Equal(30, images.Count);
        AssertUnion(images, "demo shots");
    }

    [Fact]
    public void The_default_finds_every_face_a_single_size_finds_on_close_ups()
    {
        var source = new FaceAnalyzer(FaceModels.Default);
        var images = new List<(string Name, Image Image)>();
        foreach (string file in Directory.GetFiles(Path.Combine(RepoPaths.Root, "samples", "cast"), "*.jpg").Order())
        {
            using DecodedImage decoded = ImageDecoder.DecodeFile(file, DecodeOptions.Upright);
            foreach (FaceDetection face in source.Detect(decoded.Image))
            {
                images.Add(($"{Path.GetFileName(file)}@{face.Box.X:F0},{face.Box.Y:F0}", CloseUp(decoded.Image, face.Box)));
            }
        }

        Assert.True(images.Count >= 9, $"{images.Count} close-ups");
        AssertUnion(images, "close-ups");
    }

    /// <summary>A 1024×1024 close-up: a square around the face, the face box about 85 % of its side, Lanczos-3.</summary>
    private static Image CloseUp(Image image, FaceBox face)
    {
        int side = Math.Min(Math.Min(image.Width, image.Height), (int)Math.Round(Math.Max(face.Width, face.Height) / 0.85));
        int x = Math.Clamp((int)Math.Round(face.X + (face.Width / 2) - (side / 2.0)), 0, image.Width - side);
        int y = Math.Clamp((int)Math.Round(face.Y + (face.Height / 2) - (side / 2.0)), 0, image.Height - side);
        using Image crop = Geometry.Crop(image, x, y, side, side);
        return Resampler.Resize(crop, 1024, 1024, ResampleFilter.Lanczos3);
    }

    private void AssertUnion(List<(string Name, Image Image)> images, string what)
    {
        var multi = new FaceAnalyzer(FaceModels.Default);
        var totals = SingleSizes.ToDictionary(s => s, _ => 0);
        int multiTotal = 0, withFaceAt416 = 0, withFaceAny = 0, withFaceMulti = 0;
        var missed = new List<string>();
        foreach (var (name, image) in images)
        {
            IReadOnlyList<FaceDetection> merged = multi.Detect(image);
            multiTotal += merged.Count;
            withFaceMulti += merged.Count > 0 ? 1 : 0;
            bool any = false;
            foreach (int size in SingleSizes)
            {
                IReadOnlyList<FaceDetection> found = Analyzer(size).Detect(image);
                totals[size] += found.Count;
                any |= found.Count > 0;
                withFaceAt416 += size == 416 && found.Count > 0 ? 1 : 0;

                // Every face one size finds is among the merged faces (the same face: IoU above 0.4 with one of them).
                missed.AddRange(found.Where(f => !merged.Any(m => Iou(m.Box, f.Box) > 0.4)).Select(f => $"{name} at {size}: {f.Box}"));
            }

            withFaceAny += any ? 1 : 0;
            image.Dispose();
        }

        output.WriteLine($"{what}: {images.Count} images; faces per size {string.Join(", ", totals.Select(t => $"{t.Key}: {t.Value}"))}; default (multi-scale): {multiTotal}");
        output.WriteLine($"{what}: images with a face: 416 alone {withFaceAt416}, any single size {withFaceAny}, default {withFaceMulti}");
        Assert.Empty(missed);
        Assert.Equal(withFaceAny, withFaceMulti);

        // What the extra passes are for: every image in both sets shows a face, and face-api's single size misses some.
        Assert.Equal(images.Count, withFaceMulti);
        Assert.True(withFaceMulti > withFaceAt416, $"{what}: the default finds a face in {withFaceMulti} images, 416 alone in {withFaceAt416}");
    }

    private static FaceAnalyzer Analyzer(int size) =>
        new(FaceModels.Default, new FaceAnalyzerOptions { InputSize = size, ExtraInputSizes = [], DownscaledFill = 0 });

    private static double Iou(FaceBox a, FaceBox b)
    {
        double w = Math.Max(0, Math.Min(a.Right, b.Right) - Math.Max(a.X, b.X));
        double h = Math.Max(0, Math.Min(a.Bottom, b.Bottom) - Math.Max(a.Y, b.Y));
        double i = w * h;
        return i / ((a.Width * a.Height) + (b.Width * b.Height) - i);
    }
}
