using System.Runtime.InteropServices;
using System.Text.Json;
using Likeness.Inference.Dino;
using Likeness.Inference.Onnx.Dino;
using Likeness.Inference.Safetensors;
using Likeness.Testing;

namespace Likeness.Inference.Onnx.Tests.Dino;

/// <summary>
/// The ONNX backend on dinov2-tiny and dinov2-tiny-reg4 (exported from the golden safetensors by
/// bench/onnx/export_dino.py at 224) against the original model's pooled outputs and against our engine.
/// Tolerance: 1e-4 absolute per component (F32 both ways; only the summation order and the GELU differ).
/// </summary>
public sealed class OnnxDinoParityTests
{
    private const float Tolerance = 1e-4f;
    private static readonly JsonElement Golden = JsonDocument.Parse(File.ReadAllText(RepoPaths.TestData("dinov2-tiny", "golden.json"))).RootElement;

    public static TheoryData<string> Models { get; } = ["dinov2-tiny", "dinov2-tiny-reg4"];

    [Theory]
    [MemberData(nameof(Models))]
    public void Pooled_outputs_match_the_original_and_ours_one_by_one_and_in_a_batch(string model)
    {
        using OnnxDinoModel onnx = OnnxDinoModel.Load(RepoPaths.TestData("dinov2-tiny-onnx", model), new OnnxBackendOptions { Threads = 1 });
        using DinoModel ours = DinoModel.Load(RepoPaths.TestData("dinov2-tiny", model));
        string[] images = ["obama", "biden2", "rand53x37"];
        int d = onnx.EmbeddingDimension;
        Assert.Equal(ours.EmbeddingDimension, d);
        float[] all = [.. images.SelectMany(Pixels)];
        float[] batch = new float[images.Length * d], mine = new float[images.Length * d];
        onnx.EmbedImages(all, images.Length, 224, 224, batch);
        ours.EmbedImages(all, images.Length, 224, 224, mine);
        for (int i = 0; i < images.Length; i++)
        {
            float[] single = new float[d];
            onnx.EmbedImages(Pixels(images[i]), 1, 224, 224, single);
            JsonElement golden = Golden.GetProperty("models").GetProperty(model).GetProperty("images").EnumerateArray()
                .Single(e => e.GetProperty("image").GetString() == images[i]).GetProperty("pooler_output");
            AssertClose([.. golden.EnumerateArray().Select(e => e.GetSingle())], single, $"{model} {images[i]} golden");
            AssertClose(mine.AsSpan(i * d, d).ToArray(), single, $"{model} {images[i]} ours");
            AssertClose(single, batch.AsSpan(i * d, d).ToArray(), $"{model} {images[i]} batch");
        }
    }

    [Fact]
    public void The_embedder_runs_the_onnx_tower_through_our_preprocessing()
    {
        using var onnx = new DinoEmbedder(OnnxDinoModel.Load(RepoPaths.TestData("dinov2-tiny-onnx", "dinov2-tiny")), ownsModel: true);
        using DinoEmbedder ours = DinoEmbedder.Load(RepoPaths.TestData("dinov2-tiny", "dinov2-tiny"));
        string photo = Path.Combine(RepoPaths.Root, "samples", "cast", "obama.jpg");
        AssertClose(ours.EmbedImageFile(photo), onnx.EmbedImageFile(photo), "obama.jpg");
    }

    [Fact]
    public void A_fixed_size_export_refuses_other_sizes_and_a_folder_without_a_graph_is_named()
    {
        using OnnxDinoModel onnx = OnnxDinoModel.Load(RepoPaths.TestData("dinov2-tiny-onnx", "dinov2-tiny"));
        var error = Assert.Throws<ArgumentException>(() => onnx.EmbedImages(new float[3 * 98 * 98], 1, 98, 98, new float[onnx.EmbeddingDimension]));
        Assert.Contains("224x224", error.Message, StringComparison.Ordinal);
        var missing = Assert.Throws<InvalidModelException>(() => OnnxDinoModel.Load(RepoPaths.TestData("dinov2-tiny", "dinov2-tiny")));
        Assert.Contains("model.onnx", missing.Message, StringComparison.Ordinal);
    }

    private static float[] Pixels(string image) =>
        MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(RepoPaths.TestData("dinov2-tiny", "pixel_values", $"{image}_224.f32le.bin"))).ToArray();

    private static void AssertClose(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= Tolerance, $"{what}[{i}]: {expected[i]} vs {actual[i]}");
        }
    }
}
