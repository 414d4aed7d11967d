using System.Text.Json;
using Likeness.Imaging;
using Likeness.Inference.Clip;
using Likeness.Testing;
using Microsoft.Extensions.AI;

namespace Likeness.Inference.Tests.Clip;

/// <summary>End to end from image files and strings to openai's numbers (embeddings 1e-4, logits 1e-3 absolute).</summary>
public sealed class ClipEmbedderTests : IDisposable
{
    private readonly ClipEmbedder _embedder = ClipEmbedder.Load(ClipGolden.ModelDirectory);

    private static string ObamaPpm => RepoPaths.TestData("clip-tiny", "inputs", "obama_decoded_910x1137.ppm");

    private static string BidenPpm => RepoPaths.TestData("clip-tiny", "inputs", "biden2_decoded_1200x1200.ppm");

    [Fact]
    public void Image_file_and_text_match_OpenAI()
    {
        JsonElement text = ClipGolden.Root.GetProperty("texts")[5];

        float[] image = _embedder.EmbedImageFile(ObamaPpm);
        float[] textEmbedding = _embedder.EmbedText(text.GetProperty("text").GetString()!);

        ClipGolden.AssertClose(ClipGolden.Floats(ClipGolden.Image("obama").GetProperty("image_embeds")), image, 1e-4f, "obama");
        ClipGolden.AssertClose(ClipGolden.Floats(text.GetProperty("text_embeds")), textEmbedding, 1e-4f, "text 5");
    }

    [Fact]
    public void CLIP_T_score_is_the_golden_logit()
    {
        using DecodedImage obama = ImageDecoder.DecodeFile(ObamaPpm);
        JsonElement text = ClipGolden.Root.GetProperty("texts")[1];
        float expectedLogit = ClipGolden.Root.GetProperty("logits_per_image").GetProperty("values")[0][1].GetSingle();

        ClipTextScore score = _embedder.TextScore(obama.Image, text.GetProperty("text").GetString()!);

        Assert.Equal(expectedLogit, score.Logit, 1e-3f);
        Assert.Equal(expectedLogit / _embedder.Model.LogitScale, score.Cosine, 1e-4f);
    }

    [Fact]
    public void CLIP_I_similarity_is_the_cosine_of_the_golden_embeddings()
    {
        using DecodedImage obama = ImageDecoder.DecodeFile(ObamaPpm);
        using DecodedImage biden = ImageDecoder.DecodeFile(BidenPpm);
        float expected = ClipMetrics.Cosine(
            ClipGolden.Floats(ClipGolden.Image("obama").GetProperty("image_embeds")),
            ClipGolden.Floats(ClipGolden.Image("biden2").GetProperty("image_embeds")));

        Assert.Equal(expected, _embedder.ImageSimilarity(obama.Image, biden.Image), 1e-5f);
        Assert.Equal(1f, _embedder.ImageSimilarity(obama.Image, obama.Image), 1e-6f);
    }

    [Fact]
    public void Cosine_matrix_gives_the_golden_logits()
    {
        string[] texts = [.. ClipGolden.Root.GetProperty("texts").EnumerateArray().Select(t => t.GetProperty("text").GetString()!)];
        float[] images = [.. ClipGolden.ImageNames.SelectMany(n => ClipGolden.Floats(ClipGolden.Image(n).GetProperty("image_embeds")))];
        float[] textEmbeddings = [.. _embedder.EmbedTexts(texts).SelectMany(e => e)];
        float[] logits = new float[3 * texts.Length];

        ClipMetrics.CosineMatrix(images, 3, textEmbeddings, texts.Length, _embedder.Model.EmbeddingDimension, logits, _embedder.Model.LogitScale);

        float[] expected = [.. ClipGolden.Root.GetProperty("logits_per_image").GetProperty("values").EnumerateArray().SelectMany(ClipGolden.Floats)];
        ClipGolden.AssertClose(expected, logits, 1e-3f, "logits");
    }

    [Fact]
    public async Task Embedding_generator_serves_images_and_texts()
    {
        var clock = new ManualTime();
        using var generator = new ClipEmbeddingGenerator(_embedder, "clip-tiny", clock: clock);

        GeneratedEmbeddings<Embedding<float>> imageEmbeddings = await Generate<DataContent>(
            generator, [new DataContent(await File.ReadAllBytesAsync(ObamaPpm), "image/x-portable-pixmap")]);
        GeneratedEmbeddings<Embedding<float>> textEmbeddings = await Generate<string>(generator, ["a", "b"]);

        Assert.Single(imageEmbeddings);
        Assert.Equal(2, textEmbeddings.Count);
        ClipGolden.AssertClose(
            ClipGolden.Floats(ClipGolden.Image("obama").GetProperty("image_embeds_normalized")),
            imageEmbeddings[0].Vector.Span,
            1e-4f,
            "normalized obama");
        Assert.Equal(clock.GetUtcNow(), imageEmbeddings[0].CreatedAt);
        Assert.Equal(clock.GetUtcNow(), textEmbeddings[1].CreatedAt);
        Assert.Equal(16, ((IEmbeddingGenerator)generator).GetService<EmbeddingGeneratorMetadata>()!.DefaultModelDimensions);
        await Assert.ThrowsAsync<ArgumentException>(() => Generate<DataContent>(generator, [new DataContent(new byte[] { 1 }, "text/plain")]));
    }

    public void Dispose() => _embedder.Dispose();

    /// <summary>Calls the generator through the interface a caller of Microsoft.Extensions.AI would use.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1859", Justification = "The test is about the interface.")]
    private static Task<GeneratedEmbeddings<Embedding<float>>> Generate<T>(IEmbeddingGenerator<T, Embedding<float>> generator, IEnumerable<T> values) =>
        generator.GenerateAsync(values);
}
