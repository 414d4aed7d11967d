using Likeness.Inference.Dino;
using Likeness.Inference.Clip;
using Likeness.Inference.Tests.Clip;
using Likeness.Testing;

namespace Likeness.Inference.Tests.Dino;

/// <summary>HF's BitImageProcessor for facebook/dinov2-* on the images PIL decoded: pixel values bit for bit.</summary>
public sealed class DinoPreprocessorTests
{
    [Theory]
    [InlineData("obama", "inputs/obama_decoded_910x1137.ppm")]
    [InlineData("biden2", "inputs/biden2_decoded_1200x1200.ppm")]
    [InlineData("rand53x37", "resize/rand53x37.ppm")]
    public void Pixel_values_match_HuggingFace(string name, string input)
    {
        float[] pixels = new DinoPreprocessor().PreprocessFile(RepoPaths.TestData(["clip-tiny", .. input.Split('/')]));
        float[] expected = DinoGolden.PixelValues(name);

        Assert.Equal(expected.Length, pixels.Length);
        ClipGolden.AssertClose(expected, pixels, 0f, name);
    }

    [Theory]
    [InlineData("obama")]
    [InlineData("biden2")]
    [InlineData("rand53x37")]
    public void Resized_sizes_match_the_goldens(string name)
    {
        var golden = DinoGolden.Root.GetProperty("images").EnumerateArray().Single(i => i.GetProperty("name").GetString() == name);
        int[] source = [.. golden.GetProperty("source_size").EnumerateArray().Select(e => e.GetInt32())];
        int[] resized = [.. golden.GetProperty("resized_size").EnumerateArray().Select(e => e.GetInt32())];

        Assert.Equal((resized[0], resized[1]), ClipPreprocessor.ResizedSize(source[0], source[1], 256));
    }

    [Fact]
    public void Odd_margins_crop_at_the_floor() => Assert.Equal((1, 0), new DinoPreprocessor().CropOrigin(227, 224));
}
