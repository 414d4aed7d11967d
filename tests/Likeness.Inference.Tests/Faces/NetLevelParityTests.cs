using System.Text.Json;
using Likeness.Imaging;
using Likeness.Inference.Faces;
using Likeness.Inference.Tensors;

namespace Likeness.Inference.Tests.Faces;

/// <summary>Each net against face-api (tfjs wasm) on fixtures at the net's native size (netlevel/golden_wasm.json).</summary>
public sealed class NetLevelParityTests : IDisposable
{
    private readonly JsonDocument _golden = FaceTestData.LoadJson("netlevel", "golden_wasm.json");

    public void Dispose() => _golden.Dispose();

    private float[] Expected(string fixture) =>
        FaceTestData.Floats(_golden.RootElement.GetProperty("fixtures").GetProperty(fixture).GetProperty("output"));

    [Fact]
    public void Detector_raw_grid_matches_within_1e3_relative()
    {
        using Image image = FaceTestData.LoadPpm("netlevel", "det416_sample1.ppm");
        using Tensor input = FaceTestData.NetInput(image, 416, center: false, TinyFaceDetectorNet.MeanRgb);
        using Tensor output = FaceModels.Default.Detector.Forward(input);
        float[] expected = Expected("det416_sample1.ppm");
        Assert.Equal((13, 13, 25), (output.Height, output.Width, output.Channels));
        Assert.Equal(expected.Length, output.Length);
        double worst = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            // Relative to the value, with logits below 1 held to 1e-3 absolute.
            worst = Math.Max(worst, Math.Abs(output.Span[i] - expected[i]) / Math.Max(1.0, Math.Abs(expected[i])));
        }

        Assert.True(worst <= 1e-3, $"worst relative difference {worst}");
    }

    [Theory]
    [InlineData("lm112_s1f0.ppm")]
    [InlineData("lm112_s1f1.ppm")]
    [InlineData("lm112_s1f2.ppm")]
    [InlineData("lm112_s2f0.ppm")]
    public void Landmarks_match_within_1e4(string fixture)
    {
        using Image image = FaceTestData.LoadPpm("netlevel", fixture);
        using Tensor input = FaceTestData.NetInput(image, FaceLandmarkNet.InputSize, center: true, FaceLandmarkNet.MeanRgb);
        float[] output = new float[136];
        FaceModels.Default.Landmarks.Forward(input, output);
        float[] expected = Expected(fixture);
        double worst = expected.Select((e, i) => Math.Abs(e - output[i])).Max();
        Assert.True(worst <= 1e-4, $"worst absolute difference {worst}");
    }

    [Theory]
    [InlineData("desc150_s1f0.ppm")]
    [InlineData("desc150_s1f1.ppm")]
    [InlineData("desc150_s1f2.ppm")]
    [InlineData("desc150_s2f0.ppm")]
    public void Descriptors_match_within_1e4_L2(string fixture)
    {
        using Image image = FaceTestData.LoadPpm("netlevel", fixture);
        using Tensor input = FaceTestData.NetInput(image, FaceRecognitionNet.InputSize, center: true, FaceRecognitionNet.MeanRgb);
        float[] output = new float[128];
        FaceModels.Default.Recognition.Forward(input, output);
        float[] expected = Expected(fixture);
        double l2 = Math.Sqrt(expected.Select((e, i) => (double)(e - output[i]) * (e - output[i])).Sum());
        Assert.True(l2 <= 1e-4, $"L2 distance to the peer {l2}");
    }
}
