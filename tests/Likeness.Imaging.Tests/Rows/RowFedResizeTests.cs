using Likeness.Imaging.Resampling;
using Likeness.Imaging.Rows;

namespace Likeness.Imaging.Tests.Rows;

/// <summary>
/// The resizes fed one row at a time give exactly what the whole-image resizes give (tolerance: none): the legacy
/// bilinear of the face detector, padded or plain, and Pillow's resize (the fingerprint's 9x8 box shrink among them).
/// </summary>
public sealed class RowFedResizeTests
{
    public static TheoryData<int, int, PixelFormat, int> PaddedCases => new()
    {
        { 97, 61, PixelFormat.Rgb24, 416 },
        { 61, 97, PixelFormat.Rgba32, 224 },
        { 640, 480, PixelFormat.Rgb24, 608 },
        { 1301, 977, PixelFormat.Rgb24, 320 },
        { 50, 50, PixelFormat.Rgb24, 32 },
        { 7, 3, PixelFormat.Rgb24, 1100 },
    };

    [Theory]
    [MemberData(nameof(PaddedCases))]
    public void The_padded_square_resize_from_rows_is_the_whole_image_resize(int width, int height, PixelFormat format, int size)
    {
        using Image image = Noise(width, height, format);
        int side = Math.Max(width, height);
        float[] expected = new float[size * size * 3];
        TfBilinear.ResizePaddedRows(image, side, expected, size, 0, size);

        float[] actual = new float[size * size * 3];
        var rows = new TfBilinearRows(width, height, format, side, side, size, size, actual, size * 3);
        Feed(image, rows);
        rows.Complete();

        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(97, 61, 208, 131, 416)]
    [InlineData(640, 427, 208, 139, 416)]
    [InlineData(33, 900, 8, 208, 416)]
    public void The_plain_resize_from_rows_into_a_larger_tensor_is_the_whole_image_resize(int width, int height, int outWidth, int outHeight, int stride)
    {
        using Image image = Noise(width, height, PixelFormat.Rgb24);
        float[] expected = new float[outWidth * outHeight * 3];
        TfBilinear.Resize(image, expected, outHeight, outWidth);

        float[] actual = new float[stride * outHeight * 3];
        var rows = new TfBilinearRows(width, height, PixelFormat.Rgb24, width, height, outWidth, outHeight, actual, stride * 3);
        Feed(image, rows);
        rows.Complete();

        for (int r = 0; r < outHeight; r++)
        {
            Assert.Equal(expected.AsSpan(r * outWidth * 3, outWidth * 3).ToArray(), actual.AsSpan(r * stride * 3, outWidth * 3).ToArray());
        }
    }

    [Fact]
    public void Rows_out_of_order_or_missing_are_refused()
    {
        using Image image = Noise(4, 4, PixelFormat.Rgb24);
        var rows = new TfBilinearRows(4, 4, PixelFormat.Rgb24, 4, 4, 8, 8, new float[8 * 8 * 3], 8 * 3);
        rows.Accept(0, image.GetRow(0));
        Assert.Throws<InvalidOperationException>(() => rows.Accept(2, image.GetRow(2)));
        Assert.Throws<InvalidOperationException>(rows.Complete);
    }

    public static TheoryData<int, int, PixelFormat, int, int, ResampleFilter> PillowCases => new()
    {
        { 2600, 1700, PixelFormat.Rgb24, 9, 8, ResampleFilter.Box },
        { 331, 467, PixelFormat.Rgba32, 9, 8, ResampleFilter.Box },
        { 9, 8, PixelFormat.Rgb24, 9, 8, ResampleFilter.Box },
        { 9, 40, PixelFormat.Rgba32, 9, 8, ResampleFilter.Box },
        { 120, 8, PixelFormat.Rgb24, 9, 8, ResampleFilter.Box },
        { 53, 37, PixelFormat.Rgb24, 224, 224, ResampleFilter.Bicubic },
        { 640, 480, PixelFormat.Rgba32, 100, 70, ResampleFilter.Lanczos3 },
    };

    [Theory]
    [MemberData(nameof(PillowCases))]
    public void Pillows_resize_from_rows_is_the_whole_image_resize(int width, int height, PixelFormat format, int outWidth, int outHeight, ResampleFilter filter)
    {
        using Image image = Noise(width, height, format);
        using Image expected = Resampler.Resize(image, outWidth, outHeight, filter);

        using var rows = new RowResampler(width, height, format, outWidth, outHeight, filter);
        Feed(image, rows);
        using Image actual = rows.Finish();

        Assert.Equal((expected.Width, expected.Height, expected.Format), (actual.Width, actual.Height, actual.Format));
        Assert.Equal(expected.Pixels.ToArray(), actual.Pixels.ToArray());
    }

    private static void Feed(Image image, IImageRowSink sink)
    {
        for (int y = 0; y < image.Height; y++)
        {
            sink.Accept(y, image.GetRow(y));
        }
    }

    private static Image Noise(int width, int height, PixelFormat format)
    {
        byte[] pixels = new byte[width * height * format.BytesPerPixel()];
        new Random((width * 31) + height).NextBytes(pixels);
        return Image.FromPixels(width, height, format, pixels);
    }
}
