using Likeness.Imaging;
using Likeness.Inference.Dino;
using Likeness.Inference.Tests.Clip;
using Likeness.Testing;
using Microsoft.Extensions.AI;

namespace Likeness.Inference.Tests.Dino;

/// <summary>The embedder and the Microsoft.Extensions.AI generator on the tiny model: the original's pooled outputs (1e-4), normalised vectors, typed refusals.</summary>
public sealed class DinoEmbedderTests : IDisposable
{
    private readonly DinoEmbedder _embedder = DinoEmbedder.Load(DinoGolden.ModelDirectory(DinoGolden.Registers));

    private static string Obama => RepoPaths.TestData("clip-tiny", "inputs", "obama_decoded_910x1137.ppm");

    [Fact]
    public void A_file_embeds_to_the_originals_pooled_output() =>
        ClipGolden.AssertClose(
            DinoGolden.Floats(DinoGolden.Output(DinoGolden.Registers, "obama").GetProperty("pooler_output")), _embedder.EmbedImageFile(Obama), 1e-4f, "obama");

    [Fact]
    public async Task The_generator_gives_normalised_vectors_stamped_by_the_clock()
    {
        var clock = new ManualTime(new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero));
        using var generator = new DinoEmbeddingGenerator(_embedder, clock: clock);
        byte[] ppm = await File.ReadAllBytesAsync(Obama);

        GeneratedEmbeddings<Embedding<float>> result = await generator.GenerateAsync([new DataContent(ppm, "image/x-portable-pixmap")]);

        Embedding<float> embedding = Assert.Single(result);
        ClipGolden.AssertClose(
            DinoGolden.Floats(DinoGolden.Output(DinoGolden.Registers, "obama").GetProperty("pooler_output_normalized")), embedding.Vector.Span, 1e-4f, "normalized");
        Assert.Equal(clock.GetUtcNow(), embedding.CreatedAt);
        Assert.Equal("facebook/dinov2-small", embedding.ModelId);
    }

    [Fact]
    public async Task The_generator_refuses_anything_but_images()
    {
        using var generator = new DinoEmbeddingGenerator(_embedder);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateAsync([new DataContent(new byte[] { 1 }, "text/plain")]));
        Assert.Contains("DINOv2 embeds images", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RGBA_inputs_drop_their_alpha_first()
    {
        using DecodedImage decoded = ImageDecoder.DecodeFile(Obama);
        using Image rgba = decoded.Image.ConvertTo(PixelFormat.Rgba32);

        Assert.Equal(_embedder.EmbedImage(decoded.Image), _embedder.EmbedImage(rgba));
    }

    public void Dispose() => _embedder.Dispose();
}
