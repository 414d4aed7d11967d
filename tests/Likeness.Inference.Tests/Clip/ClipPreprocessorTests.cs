using Likeness.Inference.Clip;
using Likeness.Testing;

namespace Likeness.Inference.Tests.Clip;

/// <summary>openai's preprocessing on the images PIL decoded: pixel values within 1e-6 of torchvision's output.</summary>
public sealed class ClipPreprocessorTests
{
    private const float PixelTolerance = 1e-6f;

    [Theory]
    [InlineData("obama", "inputs/obama_decoded_910x1137.ppm")]
    [InlineData("biden2", "inputs/biden2_decoded_1200x1200.ppm")]
    [InlineData("rand53x37", "resize/rand53x37.ppm")]
    public void Pixel_values_match_OpenAI(string name, string input)
    {
        float[] pixels = new ClipPreprocessor().PreprocessFile(RepoPaths.TestData(["clip-tiny", .. input.Split('/')]));

        ClipGolden.AssertClose(ClipGolden.PixelValues(name), pixels, PixelTolerance, name);
    }

    [Theory]
    [InlineData("obama")]
    [InlineData("biden2")]
    [InlineData("rand53x37")]
    public void Sizes_and_crop_offsets_match_the_goldens(string name)
    {
        var golden = ClipGolden.Image(name);
        int[] source = ClipGolden.Ints(golden.GetProperty("source_size_wh"));
        int[] resized = ClipGolden.Ints(golden.GetProperty("resized_size_wh"));

        Assert.Equal((resized[0], resized[1]), ClipPreprocessor.ResizedSize(source[0], source[1], 224));
        Assert.Equal(Pair(golden.GetProperty("crop_left_top")), new ClipPreprocessor().CropOrigin(resized[0], resized[1]));
        Assert.Equal(
            Pair(golden.GetProperty("crop_left_top_if_floor_instead_of_round")),
            new ClipPreprocessor(cropRounding: ClipCropRounding.Floor).CropOrigin(resized[0], resized[1]));
    }

    [Theory]
    [InlineData(227, 2, 1)] // margin 1.5: half to even gives 2, floor 1
    [InlineData(225, 0, 0)] // margin 0.5: 0
    [InlineData(229, 2, 2)] // margin 2.5: 2
    [InlineData(231, 4, 3)] // margin 3.5: 4
    public void Half_to_even_crop_offsets(int width, int openaiLeft, int floorLeft)
    {
        Assert.Equal(openaiLeft, new ClipPreprocessor().CropOrigin(width, 224).Left);
        Assert.Equal(floorLeft, new ClipPreprocessor(cropRounding: ClipCropRounding.Floor).CropOrigin(width, 224).Left);
    }

    private static (int, int) Pair(System.Text.Json.JsonElement array) => (array[0].GetInt32(), array[1].GetInt32());
}
