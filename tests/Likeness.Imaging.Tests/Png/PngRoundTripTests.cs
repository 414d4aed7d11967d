using System.IO.Compression;
using Likeness.Imaging.Codecs.Png;
using Likeness.Testing;

namespace Likeness.Imaging.Tests.Png;

/// <summary>What our encoder writes decodes to exactly the pixels it was given (tolerance: none).</summary>
public sealed class PngRoundTripTests
{
    [Theory]
    [InlineData(1, 1, PixelFormat.Rgb24)]
    [InlineData(1, 1, PixelFormat.Rgba32)]
    [InlineData(37, 23, PixelFormat.Rgb24)]
    [InlineData(37, 23, PixelFormat.Rgba32)]
    [InlineData(255, 3, PixelFormat.Rgb24)]
    [InlineData(3, 255, PixelFormat.Rgba32)]
    [InlineData(501, 333, PixelFormat.Rgb24)]
    [InlineData(333, 501, PixelFormat.Rgba32)]
    public void Random_pixels_survive_encode_and_decode(int width, int height, PixelFormat format)
    {
        using Image original = RandomImage(width, height, format, seed: width * 1000 + height);

        byte[] png = ImageEncoder.EncodeToBytes(original, ImageFormat.Png);
        using DecodedImage decoded = ImageDecoder.Decode(png);

        Assert.Equal(format, decoded.Image.Format);
        Assert.Equal((width, height), (decoded.Image.Width, decoded.Image.Height));
        Assert.True(original.Pixels.SequenceEqual(decoded.Image.Pixels));
    }

    [Theory]
    [InlineData(CompressionLevel.NoCompression)]
    [InlineData(CompressionLevel.Fastest)]
    [InlineData(CompressionLevel.Optimal)]
    [InlineData(CompressionLevel.SmallestSize)]
    public void Photo_survives_every_compression_level(CompressionLevel level)
    {
        using DecodedImage photo = ImageDecoder.Decode(PngTestFiles.Read("photo-rgba.png"));

        byte[] png = ImageEncoder.EncodeToBytes(photo.Image, ImageFormat.Png, new EncodeOptions { PngCompression = level });
        using DecodedImage decoded = ImageDecoder.Decode(png);

        Assert.True(photo.Image.Pixels.SequenceEqual(decoded.Image.Pixels));
    }

    [Fact]
    public void Smaller_levels_give_smaller_files()
    {
        using DecodedImage photo = ImageDecoder.Decode(PngTestFiles.Read("photo-rgb.png"));

        int stored = ImageEncoder.EncodeToBytes(photo.Image, ImageFormat.Png, new EncodeOptions { PngCompression = CompressionLevel.NoCompression }).Length;
        int optimal = ImageEncoder.EncodeToBytes(photo.Image, ImageFormat.Png).Length;

        Assert.True(stored > photo.Image.ByteLength, $"stored {stored} bytes for {photo.Image.ByteLength} bytes of pixels");
        Assert.True(optimal < stored * 3 / 4, $"optimal {optimal} bytes vs stored {stored}");
    }

    [Fact]
    public void Encoder_uses_several_filter_types_on_a_photo()
    {
        using DecodedImage photo = ImageDecoder.Decode(PngTestFiles.Read("photo-rgb.png"));

        byte[] png = ImageEncoder.EncodeToBytes(photo.Image, ImageFormat.Png);
        byte[] raw = Inflate(png);

        int stride = (photo.Image.Stride) + 1;
        Assert.Equal(stride * photo.Image.Height, raw.Length);
        var used = Enumerable.Range(0, photo.Image.Height).Select(y => raw[y * stride]).ToHashSet();
        Assert.True(used.Count >= 3, $"filters used: {string.Join(", ", used)}");
        Assert.All(used, type => Assert.InRange(type, 0, 4));
    }

    [Fact]
    public void Chosen_filter_has_the_smallest_signed_magnitude()
    {
        using Image image = RandomImage(64, 2, PixelFormat.Rgb24, seed: 7);
        byte[] scratch = new byte[PngRowFilter.ScratchLength(image.Stride)];
        byte[] candidate = new byte[image.Stride];

        ReadOnlySpan<byte> chosen = PngRowFilter.ChooseAndApply(image.GetRow(1), image.GetRow(0), 3, scratch);

        long best = PngRowFilter.SignedMagnitude(chosen[1..]);
        for (int type = 0; type < 5; type++)
        {
            PngRowFilter.Apply((PngFilterType)type, image.GetRow(1), image.GetRow(0), 3, candidate);
            Assert.True(best <= PngRowFilter.SignedMagnitude(candidate), $"filter {chosen[0]} costs {best}, filter {type} less");
        }
    }

    [Fact]
    public void Large_images_are_split_into_IDAT_chunks_with_valid_CRCs()
    {
        using Image image = RandomImage(400, 300, PixelFormat.Rgba32, seed: 3);

        byte[] png = ImageEncoder.EncodeToBytes(image, ImageFormat.Png, new EncodeOptions { PngCompression = CompressionLevel.NoCompression });
        var chunks = PngTestFiles.Chunks(png);

        Assert.Equal("IHDR", chunks[0].Type);
        Assert.Equal("IEND", chunks[^1].Type);
        Assert.True(chunks.Count(c => c.Type == "IDAT") >= 7, $"{chunks.Count(c => c.Type == "IDAT")} IDAT chunks for 480 000 stored bytes");
        Assert.All(chunks.Where(c => c.Type == "IDAT").SkipLast(1), c => Assert.Equal(1 << 16, c.Body.Length));
        foreach ((string type, int offset, byte[] body) in chunks)
        {
            uint stored = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset + 8 + body.Length));
            Assert.Equal(PngFiles.BitwiseCrc(png.AsSpan(offset + 4, body.Length + 4)), stored);
        }
    }

    internal static Image RandomImage(int width, int height, PixelFormat format, int seed)
    {
        var random = new Random(seed);
        byte[] pixels = new byte[width * height * format.BytesPerPixel()];
        random.NextBytes(pixels);
        return Image.FromPixels(width, height, format, pixels);
    }

    /// <summary>The concatenated IDAT data, inflated.</summary>
    private static byte[] Inflate(byte[] png)
    {
        byte[] compressed = PngTestFiles.Chunks(png).Where(c => c.Type == "IDAT").SelectMany(c => c.Body).ToArray();
        using var zlib = new ZLibStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var raw = new MemoryStream();
        zlib.CopyTo(raw);
        return raw.ToArray();
    }
}
