using Likeness.Imaging.Rows;
using Likeness.Imaging.Tests.Png;

namespace Likeness.Imaging.Tests.Rows;

/// <summary>
/// The row source gives the rows of the whole-image decode, byte for byte, in any band size; a cut-off file reads its
/// complete rows then zeros and says so; damaged data is the decode's <see cref="InvalidImageException"/>; and what
/// cannot come in order (formats other than PNG and JPEG) is not offered. JPEG's cases are <see cref="JpegRowsTests"/>
/// and <see cref="SpilledJpegRowsTests"/> (progressive and multi-scan files), interlaced PNG's
/// <see cref="PngInterlacedRowsTests"/>.
/// </summary>
public sealed class ImageRowsTests
{
    public static TheoryData<string> Sequential => new(PngTestFiles.CorpusNames().Where(n => !n.Contains("adam7", StringComparison.Ordinal)));

    [Theory]
    [MemberData(nameof(Sequential))]
    public void Every_non_interlaced_corpus_file_reads_by_rows_as_it_decodes_in_every_band_size(string name)
    {
        byte[] png = PngTestFiles.Read(name);
        using DecodedImage decoded = ImageDecoder.Decode(png);
        ImageRows rows = ImageRows.TryOpen(png) ?? throw new InvalidOperationException($"{name} is not offered by rows");
        Assert.Equal((decoded.Image.Width, decoded.Image.Height, decoded.Image.Format), (rows.Width, rows.Height, rows.Format));
        Assert.Equal(decoded.Info, rows.Info);

        foreach (int band in new[] { 1, 2, 3, 5, rows.Height - 1, rows.Height, rows.Height + 4 }.Where(b => b > 0).Distinct())
        {
            Assert.Equal(decoded.Image.Pixels.ToArray(), JpegRowsTests.ReadAll(rows, band, out bool truncated));
            Assert.False(truncated);
        }
    }

    [Fact]
    public void Stream_hands_each_sink_every_row_in_order_and_says_the_file_was_complete()
    {
        byte[] png = PngTestFiles.Read("photo-rgba.png");
        using DecodedImage decoded = ImageDecoder.Decode(png);
        ImageRows rows = ImageRows.TryOpen(png)!;
        var first = new Collect();
        var second = new Collect();

        Assert.True(rows.Stream(first, second));

        Assert.Equal(decoded.Image.Pixels.ToArray(), first.Bytes.ToArray());
        Assert.Equal(first.Bytes.ToArray(), second.Bytes.ToArray());
        Assert.Equal(Enumerable.Range(0, rows.Height), first.Rows);
    }

    [Fact]
    public void A_cut_off_file_reads_its_complete_rows_then_zeros_as_the_decode_fills_them()
    {
        byte[] png = PngTestFiles.Read("photo-rgb.png");
        var lastData = PngTestFiles.Chunks(png).Last(c => c.Type == "IDAT");
        ReadOnlyMemory<byte> cut = png.AsMemory(0, lastData.Offset + 8 + (lastData.Body.Length / 2));
        using DecodedImage decoded = ImageDecoder.Decode(cut.Span);
        Assert.True(decoded.IsTruncated);
        ImageRows rows = ImageRows.TryOpen(cut)!;

        foreach (int band in new[] { 1, 4, rows.Height })
        {
            Assert.Equal(decoded.Image.Pixels.ToArray(), JpegRowsTests.ReadAll(rows, band, out bool truncated));
            Assert.True(truncated);
        }

        Assert.False(rows.Stream(new Collect()));
    }

    [Theory]
    [InlineData(8)]
    [InlineData(20)]
    [InlineData(33)]
    [InlineData(45)]
    public void A_file_ending_before_any_complete_row_is_truncated_as_in_the_decode(int length)
    {
        ReadOnlyMemory<byte> png = PngTestFiles.Read("photo-rgb.png").AsMemory(0, length);

        var error = Assert.Throws<InvalidImageException>(() => ImageRows.TryOpen(png)?.Stream(new Collect()));

        Assert.Equal(InvalidImageReason.Truncated, error.Reason);
    }

    [Fact]
    public void Damaged_image_data_is_the_decodes_corrupt_error_when_its_row_is_read()
    {
        // Two RGB rows of two pixels; the second row's filter type is 5, which does not exist.
        byte[] png = PngTestFiles.Rgb(2, 2, [0, 1, 2, 3, 4, 5, 6, 5, 7, 8, 9, 10, 11, 12]);
        var expected = Assert.Throws<InvalidImageException>(() => ImageDecoder.Decode(png));
        ImageRows rows = ImageRows.TryOpen(png)!;
        using ImageRowReader reader = rows.Open();
        byte[] row = new byte[reader.Stride];
        Assert.Equal(1, reader.ReadRows(row));

        var error = Assert.Throws<InvalidImageException>(() => reader.ReadRows(row));

        Assert.Equal((expected.Reason, expected.Message), (error.Reason, error.Message));
        Assert.Contains("filter type 5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_caller_that_reads_again_can_keep_the_rows_of_any_file_and_the_later_reads_copy_them()
    {
        byte[] png = PngTestFiles.Read("photo-rgb.png");
        using DecodedImage decoded = ImageDecoder.Decode(png);
        using ImageRows rows = ImageRows.TryOpen(png)!;
        Assert.False(rows.KeepsRows); // A plain PNG decodes again for less than a temporary file costs.

        rows.KeepsRows = true;
        using (ImageRowReader first = rows.Open())
        {
            Assert.IsType<KeepingRowReader>(first);
            byte[] all = new byte[first.Stride * first.Height];
            Assert.Equal(first.Height, first.ReadRows(all));
            Assert.Equal(decoded.Image.Pixels.ToArray(), all);
        }

        using ImageRowReader later = rows.Open();
        Assert.IsType<SpilledRowReader>(later);
        Assert.Equal(decoded.Image.Pixels.ToArray(), JpegRowsTests.ReadAll(rows, 7, out bool truncated));
        Assert.False(truncated);
    }

    [Fact]
    public void Formats_other_than_png_and_jpeg_are_not_offered_by_rows()
    {
        using Image small = Image.FromPixels(2, 2, PixelFormat.Rgb24, new byte[12]);
        Assert.Null(ImageRows.TryOpen(ImageEncoder.EncodeToBytes(small, ImageFormat.Pnm)));
    }

    [Fact]
    public void A_file_over_the_limits_is_refused_before_a_row_is_read()
    {
        byte[] png = PngTestFiles.Read("photo-rgb.png");
        var tight = new DecodeOptions { Limits = new ImageLimits { MaxPixels = 100 } };

        var error = Assert.Throws<InvalidImageException>(() => ImageRows.TryOpen(png, tight));

        Assert.Equal(InvalidImageReason.LimitExceeded, error.Reason);
    }

    private sealed class Collect : IImageRowSink
    {
        public List<byte> Bytes { get; } = [];

        public List<int> Rows { get; } = [];

        public void Accept(int y, ReadOnlySpan<byte> row)
        {
            Rows.Add(y);
            Bytes.AddRange(row);
        }
    }
}
