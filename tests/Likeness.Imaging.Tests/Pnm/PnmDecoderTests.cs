using System.Text;

namespace Likeness.Imaging.Tests.Pnm;

public sealed class PnmDecoderTests
{
    private static byte[] File(string header, params byte[] samples) => [.. Encoding.ASCII.GetBytes(header), .. samples];

    [Fact]
    public void Reads_p6_with_comments_and_p5_as_rgb()
    {
        using DecodedImage color = ImageDecoder.Decode(File("P6\n# made by hand\n2 1\n255\n", 1, 2, 3, 4, 5, 6));
        Assert.Equal([1, 2, 3, 4, 5, 6], color.Image.Pixels.ToArray());
        Assert.Equal(ColorType.Rgb, color.Info.ColorType);

        using DecodedImage gray = ImageDecoder.Decode(File("P5 2 1 255\n", 7, 200));
        Assert.Equal([7, 7, 7, 200, 200, 200], gray.Image.Pixels.ToArray());
        Assert.Equal((ColorType.Gray, 1), (gray.Info.ColorType, gray.Info.Channels));
    }

    [Fact]
    public void Scales_16_bit_and_small_maxval_to_8_bits_with_rounding()
    {
        // 65535 -> 255, 32768 -> round(127.5..) = 128, 257 -> 1; maxval 3: 1 -> 85, 2 -> 170.
        using DecodedImage wide = ImageDecoder.Decode(File("P5\n3 1\n65535\n", 0xFF, 0xFF, 0x80, 0x00, 0x01, 0x01));
        Assert.Equal([255, 255, 255, 128, 128, 128, 1, 1, 1], wide.Image.Pixels.ToArray());
        Assert.Equal(16, wide.Info.BitDepth);

        using DecodedImage small = ImageDecoder.Decode(File("P5\n2 1\n3\n", 1, 2));
        Assert.Equal([85, 85, 85, 170, 170, 170], small.Image.Pixels.ToArray());
    }

    [Fact]
    public void Truncated_data_keeps_the_complete_pixels_and_says_so()
    {
        using DecodedImage decoded = ImageDecoder.Decode(File("P6\n2 2\n255\n", 1, 2, 3, 4, 5, 6, 7));
        Assert.True(decoded.IsTruncated);
        Assert.Equal([1, 2, 3, 4, 5, 6, 0, 0, 0, 0, 0, 0], decoded.Image.Pixels.ToArray());
    }

    [Theory]
    [InlineData("P6\n2 2\n255\n", InvalidImageReason.Truncated)]
    [InlineData("P6\n0 2\n255\nxxxxxx", InvalidImageReason.Corrupt)]
    [InlineData("P6\n2 2\n0\nxxxxxxxxxxxx", InvalidImageReason.Corrupt)]
    [InlineData("P6\n2 2\n65536\nxxxxxxxxxxxx", InvalidImageReason.Corrupt)]
    [InlineData("P6\n99999999999 2\n255\n", InvalidImageReason.Corrupt)]
    [InlineData("P6\n20000 20000\n255\n", InvalidImageReason.LimitExceeded)]
    [InlineData("P6\n2 x\n255\n", InvalidImageReason.Corrupt)]
    [InlineData("P6\n2", InvalidImageReason.Truncated)]
    public void Bad_headers_are_refused_with_the_typed_exception(string header, InvalidImageReason reason)
    {
        var ex = Assert.Throws<InvalidImageException>(() => ImageDecoder.Decode(Encoding.ASCII.GetBytes(header)));
        Assert.Equal(reason, ex.Reason);
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
    }

    [Fact]
    public void Encoder_round_trips_and_drops_alpha()
    {
        byte[] rgba = [10, 20, 30, 255, 40, 50, 60, 0];
        using Image image = Image.FromPixels(2, 1, PixelFormat.Rgba32, rgba);
        byte[] ppm = ImageEncoder.EncodeToBytes(image, ImageFormat.Pnm);
        using DecodedImage decoded = ImageDecoder.Decode(ppm);
        Assert.Equal([10, 20, 30, 40, 50, 60], decoded.Image.Pixels.ToArray());
    }
}
