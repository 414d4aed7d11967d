using System.Buffers.Binary;
using Likeness.Testing;

namespace Likeness.Imaging.Tests.WebP;

/// <summary>
/// The WebP container against files made by libwebp 1.2.4 (tests/data/webp/make-corpus.sh): the header facts
/// <see cref="ImageDecoder.Identify"/> reports, the refusal <see cref="ImageDecoder.Decode"/> gives for animated
/// files, EXIF orientation in an extended file, and hand-made broken containers.
/// </summary>
public sealed class WebPContainerTests
{
    internal static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(RepoPaths.TestData("webp"), name));

    [Theory]
    [InlineData("lossless-17x9.webp", 17, 9, true, false, false)]
    [InlineData("lossless-alpha-17x9.webp", 17, 9, true, true, false)]
    [InlineData("lossy-17x9.webp", 17, 9, false, false, false)]
    [InlineData("lossy-alpha-17x9.webp", 17, 9, false, true, false)]
    [InlineData("lossy-photo.webp", 40, 50, false, false, false)]
    [InlineData("animated-lossless-8x8.webp", 8, 8, true, false, true)]
    [InlineData("animated-lossy-8x8.webp", 8, 8, false, false, true)]
    public void Identify_reports_what_libwebp_wrote(string name, int width, int height, bool lossless, bool alpha, bool animated)
    {
        ImageInfo info = ImageDecoder.Identify(Read(name));

        Assert.Equal(ImageFormat.WebP, info.Format);
        Assert.Equal((width, height), (info.Width, info.Height));
        Assert.Equal(lossless, info.Lossless);
        Assert.Equal(alpha, info.HasAlpha);
        Assert.Equal(alpha ? ColorType.Rgba : ColorType.Rgb, info.ColorType);
        Assert.Equal(alpha ? 4 : 3, info.Channels);
        Assert.Equal(animated, info.Animated);
        Assert.Equal(8, info.BitDepth);
    }

    [Theory]
    [InlineData("animated-lossless-8x8.webp")]
    [InlineData("animated-lossy-8x8.webp")]
    public void Decode_refuses_animations_by_name(string name)
    {
        var ex = Assert.Throws<InvalidImageException>(() => ImageDecoder.Decode(Read(name)));

        Assert.Equal(InvalidImageReason.Unsupported, ex.Reason);
        Assert.StartsWith("Animated WebP is not supported", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>A simple-format file with its RIFF and VP8 sizes rewritten, so only the bitstream itself is short.</summary>
    private static byte[] CutLossy(int cut)
    {
        byte[] file = Read("lossy-q75-obama.webp")[..^cut];
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(4), (uint)(file.Length - 8));
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(16), (uint)(file.Length - 20));
        return file;
    }

    [Theory]
    [InlineData(200)]
    [InlineData(2000)]
    public void A_lossy_bitstream_cut_short_is_refused_as_truncated_like_dwebp(int cut)
    {
        byte[] file = CutLossy(cut);

        Assert.Equal(96, ImageDecoder.Identify(file).Width);
        var ex = Assert.Throws<InvalidImageException>(() => ImageDecoder.Decode(file));
        Assert.Equal(InvalidImageReason.Truncated, ex.Reason);
        Assert.StartsWith("The WebP lossy data ends", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_last_byte_the_decoder_never_needs_may_be_missing_as_in_dwebp()
    {
        // dwebp 1.2.4 decodes this file to the same pixels as the whole one: the boolean decoder only fails once it
        // needs bits past the end.
        using DecodedImage cut = ImageDecoder.Decode(CutLossy(1));
        using DecodedImage whole = ImageDecoder.Decode(Read("lossy-q75-obama.webp"));

        Assert.True(cut.Image.Pixels.SequenceEqual(whole.Image.Pixels));
    }

    [Fact]
    public void Exif_orientation_in_an_extended_file_is_reported_and_applied()
    {
        // lossy-exif6-17x9.webp is lossy-17x9.webp with an EXIF chunk saying orientation 6 (webpmux -set exif).
        byte[] file = Read("lossy-exif6-17x9.webp");
        Assert.Equal(6, ImageDecoder.Identify(file).ExifOrientation);
        Assert.Equal(1, ImageDecoder.Identify(Read("lossy-17x9.webp")).ExifOrientation);

        using DecodedImage stored = ImageDecoder.Decode(file);
        using DecodedImage upright = ImageDecoder.Decode(file, new DecodeOptions { ApplyExifOrientation = true });
        using DecodedImage plain = ImageDecoder.Decode(Read("lossy-17x9.webp"));

        Assert.True(stored.Image.Pixels.SequenceEqual(plain.Image.Pixels));
        Assert.Equal((9, 17), (upright.Image.Width, upright.Image.Height));

        // Orientation 6 turns the stored image a quarter clockwise: stored (x, y) lands at (height - 1 - y, x).
        for (int y = 0; y < 9; y++)
        {
            for (int x = 0; x < 17; x++)
            {
                int from = ((y * 17) + x) * 3;
                int to = ((x * 9) + (8 - y)) * 3;
                Assert.True(stored.Image.Pixels.Slice(from, 3).SequenceEqual(upright.Image.Pixels.Slice(to, 3)), $"pixel ({x}, {y})");
            }
        }
    }

    [Fact]
    public void Other_formats_report_no_lossless_flag()
    {
        byte[] ppm = [.. "P6\n1 1\n255\n"u8, 1, 2, 3];
        Assert.Null(ImageDecoder.Identify(ppm).Lossless);
    }

    [Fact]
    public void A_truncated_file_is_refused_as_truncated()
    {
        byte[] file = Read("lossy-photo.webp");
        var ex = Assert.Throws<InvalidImageException>(() => ImageDecoder.Identify(file.AsSpan(0, file.Length - 1)));
        Assert.Equal(InvalidImageReason.Truncated, ex.Reason);
    }

    [Fact]
    public void Trailing_bytes_after_the_riff_body_are_ignored()
    {
        byte[] file = [.. Read("lossless-17x9.webp"), 0xAA, 0xBB, 0xCC];
        Assert.Equal(17, ImageDecoder.Identify(file).Width);
    }

    [Fact]
    public void A_chunk_larger_than_the_riff_body_is_refused()
    {
        byte[] file = Read("lossless-17x9.webp");
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(16), (uint)file.Length);
        var ex = Assert.Throws<InvalidImageException>(() => ImageDecoder.Identify(file));
        Assert.Equal(InvalidImageReason.Corrupt, ex.Reason);
        Assert.Contains("VP8L", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_odd_chunk_is_followed_by_its_pad_byte()
    {
        // VP8X (no flags, 2x3), an odd 3-byte unknown chunk with its pad byte, then a 2x3 VP8L header.
        byte[] file = Riff(
            Chunk("VP8X", [0, 0, 0, 0, 1, 0, 0, 2, 0, 0]),
            Chunk("ABCD", [1, 2, 3]),
            Chunk("VP8L", Vp8L(2, 3)));
        ImageInfo info = ImageDecoder.Identify(file);
        Assert.Equal((2, 3, true), (info.Width, info.Height, info.Lossless!.Value));
    }

    [Fact]
    public void A_canvas_that_differs_from_its_image_is_refused()
    {
        byte[] file = Riff(Chunk("VP8X", [0, 0, 0, 0, 4, 0, 0, 2, 0, 0]), Chunk("VP8L", Vp8L(2, 3)));
        var ex = Assert.Throws<InvalidImageException>(() => ImageDecoder.Identify(file));
        Assert.Contains("canvas is 5x3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_first_chunk_is_refused()
    {
        var ex = Assert.Throws<InvalidImageException>(() => ImageDecoder.Identify(Riff(Chunk("JUNK", [0, 0]))));
        Assert.Contains("'JUNK'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_canvas_over_the_limits_is_refused_before_decoding()
    {
        // VP8X allows 2^24 per side; the default limit is 30 000.
        byte[] file = Riff(
            Chunk("VP8X", [0x02, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]),
            Chunk("ANMF", [.. new byte[16], .. Chunk("VP8L", Vp8L(2, 3))]));
        var ex = Assert.Throws<InvalidImageException>(() => ImageDecoder.Identify(file));
        Assert.Equal(InvalidImageReason.LimitExceeded, ex.Reason);
    }

    [Fact]
    public void A_bad_vp8l_signature_or_version_is_refused()
    {
        byte[] signature = Vp8L(2, 3);
        signature[0] = 0x2E;
        byte[] version = Vp8L(2, 3);
        version[4] |= 0x20;
        Assert.Contains("signature", Assert.Throws<InvalidImageException>(() => ImageDecoder.Identify(Riff(Chunk("VP8L", signature)))).Message, StringComparison.Ordinal);
        Assert.Contains("version", Assert.Throws<InvalidImageException>(() => ImageDecoder.Identify(Riff(Chunk("VP8L", version)))).Message, StringComparison.Ordinal);
    }

    private static byte[] Vp8L(int width, int height)
    {
        byte[] header = new byte[5];
        header[0] = 0x2F;
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(1), (uint)(width - 1) | ((uint)(height - 1) << 14));
        return header;
    }

    private static byte[] Chunk(string fourCc, byte[] payload)
    {
        byte[] chunk = new byte[8 + payload.Length + (payload.Length & 1)];
        System.Text.Encoding.ASCII.GetBytes(fourCc).CopyTo(chunk, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(4), (uint)payload.Length);
        payload.CopyTo(chunk, 8);
        return chunk;
    }

    private static byte[] Riff(params byte[][] chunks)
    {
        byte[] body = [.. "WEBP"u8, .. chunks.SelectMany(c => c)];
        byte[] file = new byte[8 + body.Length];
        "RIFF"u8.CopyTo(file);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(4), (uint)body.Length);
        body.CopyTo(file, 8);
        return file;
    }
}
