using Likeness.Inference.Dino;
using Likeness.Inference.Tests.Clip;

namespace Likeness.Inference.Tests.Dino;

/// <summary>A batch runs as one GEMM per layer; every image's output must equal its own single-image run within 1e-5.</summary>
public sealed class DinoBatchTests
{
    [Theory]
    [InlineData(DinoGolden.Plain)]
    [InlineData(DinoGolden.Registers)]
    public void Batched_images_match_one_at_a_time(string model)
    {
        using DinoModel dino = DinoModel.Load(DinoGolden.ModelDirectory(model));
        int d = dino.EmbeddingDimension;
        float[] pixels = [.. DinoGolden.ImageNames.SelectMany(DinoGolden.PixelValues)];
        float[] batch = new float[3 * d];
        dino.EmbedImages(pixels, 3, 224, 224, batch);

        for (int i = 0; i < 3; i++)
        {
            float[] single = new float[d];
            dino.EmbedImages(DinoGolden.PixelValues(DinoGolden.ImageNames[i]), 1, 224, 224, single);
            ClipGolden.AssertClose(single, batch.AsSpan(i * d, d), 1e-5f, DinoGolden.ImageNames[i]);
        }
    }

    [Theory]
    [InlineData(DinoGolden.Plain, 1)]
    [InlineData(DinoGolden.Registers, 1)]
    [InlineData(DinoGolden.Plain, 2)]
    public void The_pooled_output_is_the_class_token_of_the_full_pass_bit_for_bit(string model, int threads)
    {
        // EmbedImages runs the last block for the class tokens only; EncodeImages runs it for every token.
        using DinoModel dino = DinoModel.Load(DinoGolden.ModelDirectory(model));
        dino.DegreeOfParallelism = threads;
        int d = dino.EmbeddingDimension, tokens = dino.TokenCount(224, 224);
        float[] pixels = [.. DinoGolden.ImageNames.SelectMany(DinoGolden.PixelValues)];
        float[] pooled = new float[3 * d], all = new float[3 * tokens * d];
        dino.EmbedImages(pixels, 3, 224, 224, pooled);
        dino.EncodeImages(pixels, 3, 224, 224, all);

        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(all.AsSpan(i * tokens * d, d).ToArray(), pooled.AsSpan(i * d, d).ToArray());
        }
    }

    [Fact]
    public void Sides_that_are_not_multiples_of_the_patch_are_refused()
    {
        using DinoModel dino = DinoModel.Load(DinoGolden.ModelDirectory(DinoGolden.Plain));

        var error = Assert.Throws<ArgumentException>(() => dino.EmbedImages(new float[3 * 100 * 98], 1, 100, 98, new float[48]));
        Assert.Contains("multiples of the patch size 14", error.Message, StringComparison.Ordinal);
    }
}
