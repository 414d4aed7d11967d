using System.Buffers.Binary;
using Likeness.Imaging.Codecs.Png;
using Likeness.Testing;

namespace Likeness.Imaging.Tests.Png;

/// <summary>Bad input always ends as <see cref="InvalidImageException"/> with the right reason and a clear message.</summary>
public sealed class PngErrorTests
{
    private static readonly byte[] TwoByTwoRows = [0, 1, 2, 3, 4, 5, 6, 0, 7, 8, 9, 10, 11, 12];

    [Fact]
    public void Valid_hand_built_file_decodes()
    {
        using DecodedImage decoded = ImageDecoder.Decode(PngTestFiles.Rgb(2, 2, TwoByTwoRows));

        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], decoded.Image.Pixels.ToArray());
    }

    [Theory]
    [InlineData("IHDR")]
    [InlineData("IDAT")]
    [InlineData("IEND")]
    public void Bad_CRC_in_a_critical_chunk_is_corrupt(string type)
    {
        byte[] png = PngTestFiles.Rgb(2, 2, TwoByTwoRows);
        var chunk = PngTestFiles.Chunks(png).Single(c => c.Type == type);
        png[chunk.Offset + 8 + chunk.Body.Length] ^= 0x40;

        var error = Assert.Throws<InvalidImageException>(() => ImageDecoder.Decode(png));

        Assert.Equal(InvalidImageReason.Corrupt, error.Reason);
        Assert.Contains($"{type} chunk fails its CRC check", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ancillary_chunk_with_bad_CRC_is_skipped()
    {
        byte[] text = PngFiles.Chunk("tEXt", "Title\0x"u8);
        text[^1] ^= 1;
        byte[] good = PngTestFiles.Rgb(2, 2, TwoByTwoRows);
        byte[] png = PngFiles.Concat(good[..33], text, good[33..]);

        using DecodedImage decoded = ImageDecoder.Decode(png);

        Assert.Equal(12, decoded.Image.Pixels.ToArray().Sum(b => b == 0 ? 0 : 1));
    }

    [Fact]
    public void Bad_filter_type_is_corrupt()
    {
        byte[] rows = (byte[])TwoByTwoRows.Clone();
        rows[7] = 5;

        var error = Assert.Throws<InvalidImageException>(() => ImageDecoder.Decode(PngTestFiles.Rgb(2, 2, rows)));

        Assert.Equal(InvalidImageReason.Corrupt, error.Reason);
        Assert.Contains("filter type 5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_image_data_keeps_the_complete_rows_and_zeroes_the_rest()
    {
        byte[] png = PngTestFiles.Read("photo-rgb.png");
        (byte[] reference, int width, int height) = PngTestFiles.Reference("photo-rgb.png");
        var lastData = PngTestFiles.Chunks(png).Last(c => c.Type == "IDAT");

        using DecodedImage decoded = ImageDecoder.Decode(png.AsSpan(0, lastData.Offset + 8 + (lastData.Body.Length / 2)));

        Assert.True(decoded.IsTruncated);
        using Image rgba = decoded.Image.ConvertTo(PixelFormat.Rgba32);
        int rows = 0;
        while (rows < height && rgba.GetRow(rows).SequenceEqual(reference.AsSpan(rows * width * 4, width * 4)))
        {
            rows++;
        }

        Assert.InRange(rows, 1, height - 1);
        Assert.True(decoded.Image.Pixels[(rows * decoded.Image.Stride)..].IndexOfAnyExcept((byte)0) < 0, $"rows after {rows} are not zero");
    }

    [Fact]
    public void Truncated_interlaced_image_keeps_its_early_passes()
    {
        byte[] png = PngTestFiles.Read("photo-rgb-adam7.png");

        using DecodedImage decoded = ImageDecoder.Decode(png.AsSpan(0, png.Length / 2));

        Assert.True(decoded.IsTruncated);
        Assert.True(decoded.Image.GetRow(0)[0..3].IndexOfAnyExcept((byte)0) >= 0, "pass 1's first pixel is missing");
        Assert.True(decoded.Image.GetRow(decoded.Image.Height - 1).IndexOfAnyExcept((byte)0) < 0, "pass 7 cannot be complete");
    }

    [Fact]
    public void File_without_IEND_but_all_rows_is_complete()
    {
        byte[] png = PngTestFiles.Rgb(2, 2, TwoByTwoRows);

        using DecodedImage decoded = ImageDecoder.Decode(png.AsSpan(0, png.Length - 12));

        Assert.False(decoded.IsTruncated);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(20)]
    [InlineData(33)]
    [InlineData(45)]
    public void File_ending_before_any_complete_row_is_truncated(int length)
    {
        byte[] png = PngTestFiles.Read("photo-rgb.png");

        var error = Assert.Throws<InvalidImageException>(() => ImageDecoder.Decode(png.AsSpan(0, length)));

        Assert.Equal(InvalidImageReason.Truncated, error.Reason);
    }

    [Fact]
    public void Chunk_length_above_2_to_31_is_corrupt()
    {
        byte[] png = PngTestFiles.Rgb(2, 2, TwoByTwoRows);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(33), 0xFFFFFFF0);

        var error = Assert.Throws<InvalidImageException>(() => ImageDecoder.Decode(png));

        Assert.Equal(InvalidImageReason.Corrupt, error.Reason);
        Assert.Contains("4,294,967,280 bytes; PNG allows at most 2^31-1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Chunk_length_beyond_the_end_before_image_data_is_truncated()
    {
        byte[] good = PngTestFiles.Rgb(2, 2, TwoByTwoRows);
        byte[] text = PngFiles.Chunk("tEXt", "Title\0x"u8);
        BinaryPrimitives.WriteInt32BigEndian(text, int.MaxValue);

        var error = Assert.Throws<InvalidImageException>(() => ImageDecoder.Decode(PngFiles.Concat(good[..33], text, good[33..])));

        Assert.Equal(InvalidImageReason.Truncated, error.Reason);
    }

    [Theory]
    [InlineData(0u, 5u)]
    [InlineData(5u, 0u)]
    [InlineData(0x80000000u, 1u)]
    public void Invalid_size_is_corrupt(uint width, uint height)
    {
        byte[] png = PngFiles.Concat(PngFiles.Signature, PngFiles.Header(width, height, 8, 2), PngFiles.Chunk("IEND", []));

        var error = Assert.Throws<InvalidImageException>(() => ImageDecoder.Identify(png));

        Assert.Equal(InvalidImageReason.Corrupt, error.Reason);
        Assert.Contains($"invalid size ({width}x{height})", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(16, 3, "bit depth 16, which colour type 3 does not allow")]
    [InlineData(4, 2, "bit depth 4, which colour type 2 does not allow")]
    [InlineData(3, 0, "bit depth 3, which colour type 0 does not allow")]
    [InlineData(1, 6, "bit depth 1, which colour type 6 does not allow")]
    [InlineData(2, 4, "bit depth 2, which colour type 4 does not allow")]
    [InlineData(8, 5, "colour type 5, which does not exist")]
    [InlineData(8, 7, "colour type 7, which does not exist")]
    public void Illegal_bit_depth_and_colour_type_is_corrupt(byte depth, byte colorType, string message)
    {
        byte[] png = PngFiles.Concat(PngFiles.Signature, PngFiles.Header(4, 4, depth, colorType), PngFiles.Chunk("IEND", []));

        var error = Assert.Throws<InvalidImageException>(() => ImageDecoder.Decode(png));

        Assert.Equal(InvalidImageReason.Corrupt, error.Reason);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Huge_dimensions_exceed_the_limits_before_anything_is_allocated()
    {
        byte[] png = PngFiles.Concat(
            PngFiles.Signature, PngFiles.Header(100_000, 100_000, 8, 6), PngFiles.Chunk("IDAT", PngFiles.Deflate(new byte[1000])));

        var identify = Assert.Throws<InvalidImageException>(() => ImageDecoder.Identify(png));
        var decode = Assert.Throws<InvalidImageException>(() => ImageDecoder.Decode(png));

        Assert.Equal(InvalidImageReason.LimitExceeded, identify.Reason);
        Assert.Equal(InvalidImageReason.LimitExceeded, decode.Reason);
        Assert.Contains("100000x100000", decode.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decompression_bomb_inflates_only_what_the_image_needs()
    {
        // 64 MiB of zeros compress to about 64 KiB; a 1x1 image needs 4 of them.
        byte[] png = PngFiles.Concat(
            PngFiles.Signature, PngFiles.Header(1, 1, 8, 2), PngFiles.Chunk("IDAT", PngFiles.Deflate(new byte[64 << 20])), PngFiles.Chunk("IEND", []));

        using DecodedImage decoded = ImageDecoder.Decode(png);

        Assert.Equal([0, 0, 0], decoded.Image.Pixels.ToArray());
        Assert.False(decoded.IsTruncated);
    }

    [Fact]
    public void Unknown_critical_chunk_is_unsupported()
    {
        byte[] good = PngTestFiles.Rgb(2, 2, TwoByTwoRows);

        var error = Assert.Throws<InvalidImageException>(() => ImageDecoder.Decode(PngFiles.Concat(good[..33], PngFiles.Chunk("QUUX", [1, 2]), good[33..])));

        Assert.Equal(InvalidImageReason.Unsupported, error.Reason);
        Assert.Contains("unknown critical chunk QUUX", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_ancillary_chunk_is_skipped()
    {
        byte[] good = PngTestFiles.Rgb(2, 2, TwoByTwoRows);

        using DecodedImage decoded = ImageDecoder.Decode(PngFiles.Concat(good[..33], PngFiles.Chunk("quUx", [1, 2]), good[33..]));

        Assert.Equal(12, decoded.Image.ByteLength);
    }

    [Fact]
    public void Palette_image_without_palette_is_corrupt()
    {
        byte[] png = PngFiles.Concat(
            PngFiles.Signature, PngFiles.Header(2, 2, 8, 3), PngFiles.Chunk("IDAT", PngFiles.Deflate(new byte[6])), PngFiles.Chunk("IEND", []));

        var error = Assert.Throws<InvalidImageException>(() => ImageDecoder.Decode(png));

        Assert.Equal(InvalidImageReason.Corrupt, error.Reason);
        Assert.Contains("without a PLTE", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Split_image_data_is_corrupt()
    {
        byte[] data = PngFiles.Deflate(TwoByTwoRows);
        byte[] png = PngFiles.Concat(
            PngFiles.Signature, PngFiles.Header(2, 2, 8, 2), PngFiles.Chunk("IDAT", data.AsSpan(0, 5)),
            PngFiles.Chunk("tEXt", "a\0b"u8), PngFiles.Chunk("IDAT", data.AsSpan(5)), PngFiles.Chunk("IEND", []));

        var error = Assert.Throws<InvalidImageException>(() => ImageDecoder.Decode(png));

        Assert.Contains("not consecutive", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Undecompressable_data_is_corrupt_and_wraps_the_zlib_error()
    {
        byte[] garbage = [0x78, 0x9C, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF];
        byte[] png = PngFiles.Concat(
            PngFiles.Signature, PngFiles.Header(2, 2, 8, 2), PngFiles.Chunk("IDAT", garbage), PngFiles.Chunk("IEND", []));

        var error = Assert.Throws<InvalidImageException>(() => ImageDecoder.Decode(png));

        Assert.Equal(InvalidImageReason.Corrupt, error.Reason);
        Assert.IsType<System.IO.InvalidDataException>(error.InnerException);
    }

    [Fact]
    public void Data_without_the_PNG_signature_is_corrupt()
    {
        var error = Assert.Throws<InvalidImageException>(() => PngDecoder.Decode("GIF89a and more"u8, ImageLimits.Default));

        Assert.Equal(InvalidImageReason.Corrupt, error.Reason);
    }
}
