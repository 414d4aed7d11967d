using Likeness.Imaging;
using Likeness.Inference.Faces;
using Likeness.Inference.Tensors;

namespace Likeness.Inference.Tests.Faces;

/// <summary>The detector's input read straight from the pixels, against face-api's pad-to-square then resize.</summary>
public sealed class DetectorInputTests
{
    [Theory]
    [InlineData(416)] // downscale, padding below (landscape)
    [InlineData(224)]
    [InlineData(640)] // the square's own size: a plain copy
    [InlineData(1024)] // upscale
    public void Reading_the_pixels_directly_equals_padding_to_a_square_then_resizing(int size)
    {
        using Image image = FaceTestData.LoadPpm("inputs", "sample1_640.ppm");
        AssertSameInput(image, size);
    }

    [Fact]
    public void A_portrait_rgba_image_padded_to_the_right_gives_the_same_input()
    {
        var random = new Random(3);
        byte[] pixels = new byte[301 * 517 * 4];
        random.NextBytes(pixels);
        using Image image = Image.FromPixels(301, 517, PixelFormat.Rgba32, pixels);
        AssertSameInput(image, 416);
        AssertSameInput(image, 608);
    }

    [Fact]
    public void At_the_square_size_every_value_is_the_scalar_normalisation_of_its_byte()
    {
        using Image image = FaceTestData.LoadPpm("inputs", "sample1_640.ppm");
        float[] mean = TinyFaceDetectorNet.MeanRgb;
        using Tensor actual = FaceNetInput.FromImage(image, 640, mean, degreeOfParallelism: 2);
        for (int y = 0; y < 640; y++)
        {
            for (int x = 0; x < 640; x++)
            {
                for (int c = 0; c < 3; c++)
                {
                    float raw = y < image.Height ? image.GetRow(y)[(x * image.BytesPerPixel) + c] : 0f;
                    Assert.Equal((raw - mean[c]) / 255f, actual.Span[(((y * 640) + x) * 3) + c]);
                }
            }
        }
    }

    private static void AssertSameInput(Image image, int size)
    {
        using Tensor expected = FaceNetInput.Create(image, new PixelRect(0, 0, image.Width, image.Height), size, center: false, TinyFaceDetectorNet.MeanRgb);
        using Tensor actual = FaceNetInput.FromImage(image, size, TinyFaceDetectorNet.MeanRgb, degreeOfParallelism: 2);
        Assert.Equal((size, size, 3), (actual.Height, actual.Width, actual.Channels));
        Assert.Equal(expected.Span.ToArray(), actual.Span.ToArray());
    }
}
