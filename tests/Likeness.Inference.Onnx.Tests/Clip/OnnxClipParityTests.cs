using System.Text.Json;
using Likeness.Imaging;
using Likeness.Inference.Clip;
using Likeness.Inference.Onnx.Clip;

namespace Likeness.Inference.Onnx.Tests.Clip;

/// <summary>
/// The ONNX backend on clip-tiny (exported from the golden safetensors by bench/onnx/export_clip.py) against the
/// golden HF embeddings and against our engine, through the same preprocessor and tokenizer.
/// Tolerance: 1e-4 absolute per component (F32 both ways; only the summation order differs).
/// </summary>
public sealed class OnnxClipParityTests : IDisposable
{
    private const float Tolerance = 1e-4f;
    private static readonly string Data = Path.Combine(AppContext.BaseDirectory, "data");
    private readonly ClipEmbedder _onnx = new(OnnxClipTowers.Load(Path.Combine(Data, "clip-tiny-onnx"), new OnnxBackendOptions { Threads = 1 }), ownsModel: true);
    private readonly ClipEmbedder _ours = ClipEmbedder.Load(Path.Combine(Data, "clip-tiny"));
    private readonly JsonElement _golden = JsonDocument.Parse(File.ReadAllText(Path.Combine(Data, "clip-tiny", "golden.json"))).RootElement;

    [Fact]
    public void Image_embeddings_match_the_goldens_and_ours()
    {
        foreach (JsonElement image in Decodable())
        {
            string path = Path.Combine(Data, "clip-tiny", image.GetProperty("decoded_ppm").GetString()!);
            float[] onnx = _onnx.EmbedImageFile(path);
            AssertClose(Floats(image.GetProperty("image_embeds")), onnx);
            AssertClose(_ours.EmbedImageFile(path), onnx);
        }
    }

    [Fact]
    public void Batched_images_match_single_ones()
    {
        DecodedImage[] decoded = [.. Decodable().Select(i => ImageDecoder.DecodeFile(Path.Combine(Data, "clip-tiny", i.GetProperty("decoded_ppm").GetString()!)))];
        try
        {
            float[][] batch = _onnx.EmbedImages([.. decoded.Select(d => d.Image)]);
            for (int i = 0; i < decoded.Length; i++)
            {
                AssertClose(_onnx.EmbedImage(decoded[i].Image), batch[i]);
            }
        }
        finally
        {
            Array.ForEach(decoded, d => d.Dispose());
        }
    }

    [Fact]
    public void Text_embeddings_match_the_goldens_and_ours_in_one_batch()
    {
        JsonElement[] texts = [.. _golden.GetProperty("texts").EnumerateArray()];
        string[] prompts = [.. texts.Select(t => t.GetProperty("text").GetString()!)];
        float[][] onnx = _onnx.EmbedTexts(prompts), ours = _ours.EmbedTexts(prompts);
        for (int i = 0; i < texts.Length; i++)
        {
            AssertClose(Floats(texts[i].GetProperty("text_embeds")), onnx[i]);
            AssertClose(ours[i], onnx[i]);
        }
    }

    [Fact]
    public void The_logit_scale_comes_from_the_export_metadata() =>
        Assert.Equal(_ours.Model.LogitScale, _onnx.Model.LogitScale, 1e-4f);

    public void Dispose()
    {
        _onnx.Dispose();
        _ours.Dispose();
    }

    // The golden images committed as decoded PPMs (the others exist only as pixel values).
    private JsonElement[] Decodable()
    {
        JsonElement[] images = [.. _golden.GetProperty("images").EnumerateArray().Where(i => i.GetProperty("decoded_ppm").ValueKind == JsonValueKind.String)];
        Assert.NotEmpty(images);
        return images;
    }

    private static float[] Floats(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetSingle())];

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(MathF.Abs(expected[i] - actual[i]) <= Tolerance, $"component {i}: expected {expected[i]}, got {actual[i]}");
        }
    }
}
