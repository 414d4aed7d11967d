using System.IO.Compression;
using Likeness.Imaging.Codecs.Png;
using Likeness.Imaging.Rows;
using Likeness.Imaging.Tests.Png;
using Likeness.Testing;
using Xunit.Abstractions;

namespace Likeness.Imaging.Tests.Rows;

/// <summary>
/// An interlaced (Adam7) PNG reads by rows as the whole-image decode gives them, byte for byte, in any band size:
/// every colour type and bit depth of the corpus (palette, tRNS, 16-bit), sizes under 8 pixels (empty passes) and odd
/// sizes, cut files (the decode's zeros, truncation flag and errors) and damaged ones. The passes spill to a temporary
/// file on the first band, gone once the reader is disposed; a large file's read holds a band and two filtered rows,
/// not the image.
/// </summary>
[Collection(MemoryMeasurers.Name)]
public sealed class PngInterlacedRowsTests(ITestOutputHelper output)
{
    // A 4,000-wide RGB read: two filtered rows (24 KB, rented as 32 KB), the spill's 64 KB band of pass rows, the
    // caller's 64 KB band and the inflater's buffer; a whole decode holds the 36 MB image.
    private const long MaxHeldBytes = 1_000_000;

    public static TheoryData<string> Interlaced => new(PngTestFiles.CorpusNames().Where(n => n.Contains("adam7", StringComparison.Ordinal)));

    [Theory]
    [MemberData(nameof(Interlaced))]
    public void Every_interlaced_corpus_file_reads_by_rows_as_it_decodes_in_every_band_size(string name)
    {
        byte[] png = PngTestFiles.Read(name);
        using DecodedImage decoded = ImageDecoder.Decode(png);
        Assert.True(decoded.Info.Interlaced);
        ImageRows rows = ImageRows.TryOpen(png) ?? throw new InvalidOperationException($"{name} is not offered by rows");
        Assert.Equal(decoded.Info, rows.Info);
        Assert.Equal((decoded.Image.Width, decoded.Image.Height, decoded.Image.Format), (rows.Width, rows.Height, rows.Format));

        AssertRowsAsDecoded(rows, decoded, [1, 2, 7, rows.Height - 1, rows.Height, rows.Height + 4]);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 9)]
    [InlineData(9, 1)]
    [InlineData(2, 13)]
    [InlineData(5, 3)]
    [InlineData(7, 7)]
    [InlineData(8, 8)]
    [InlineData(9, 17)]
    [InlineData(33, 47)]
    [InlineData(130, 66)]
    public void Interlaced_noise_of_small_and_odd_sizes_reads_by_rows_as_it_decodes(int width, int height)
    {
        foreach (PixelFormat format in new[] { PixelFormat.Rgb24, PixelFormat.Rgba32 })
        {
            byte[] png = PngTestFiles.InterlacedNoise(width, height, format);
            using DecodedImage decoded = ImageDecoder.Decode(png);
            Assert.Equal(PngTestFiles.Noise(width, height, format), decoded.Image.Pixels.ToArray()); // the test's writer is honest
            ImageRows rows = ImageRows.TryOpen(png) ?? throw new InvalidOperationException("not offered");
            Assert.Equal(format, rows.Format);

            AssertRowsAsDecoded(rows, decoded, [1, 7, height]);
        }
    }

    [Theory]
    [InlineData("photo-rgb-adam7.png")]
    [InlineData("photo-rgba-16bit-adam7.png")]
    [InlineData("palette-2bit-trns-adam7.png")]
    public void Every_cut_of_an_interlaced_file_reads_as_the_decode_fills_it_or_fails_as_the_decode_does(string name)
    {
        byte[] whole = PngTestFiles.Read(name);
        int step = Math.Max(1, whole.Length / 60);
        int read = 0;
        for (int length = 8; length < whole.Length; length += step)
        {
            ReadOnlyMemory<byte> cut = whole.AsMemory(0, length);
            DecodedImage decoded;
            try
            {
                decoded = ImageDecoder.Decode(cut.Span);
            }
            catch (InvalidImageException expected)
            {
                var error = Assert.Throws<InvalidImageException>(() => ImageRows.TryOpen(cut)?.Stream(new JpegRowsTests.Discard()));
                Assert.Equal((expected.Reason, expected.Message), (error.Reason, error.Message));
                continue;
            }

            using (decoded)
            {
                // A cut past the image data (in IEND) decodes whole: the flag is the decode's either way.
                ImageRows rows = ImageRows.TryOpen(cut) ?? throw new InvalidOperationException($"{name}[..{length}] not offered");
                AssertRowsAsDecoded(rows, decoded, [1, 7, rows.Height]);
                Assert.Equal(!decoded.IsTruncated, rows.Stream(new JpegRowsTests.Discard()));
                read += decoded.IsTruncated ? 1 : 0;
            }
        }

        Assert.True(read > 10, $"only {read} cuts decoded as truncated");
    }

    [Fact]
    public void Image_data_ending_inside_the_first_pass_row_is_the_decodes_truncated_error()
    {
        // 16 x 16 RGB: the first pass's rows are 2 pixels (7 bytes with the filter type); its data holds 4 of them.
        byte[] rows = PngFiles.Adam7Rows(16, 16, 3, new byte[16 * 16 * 3]);
        byte[] cut = PngFiles.InterlacedFile(16, 16, 3, rows.AsSpan(0, 4));
        var expected = Assert.Throws<InvalidImageException>(() => ImageDecoder.Decode(cut));

        var error = Assert.Throws<InvalidImageException>(() => ImageRows.TryOpen(cut)?.Stream(new JpegRowsTests.Discard()));

        Assert.Equal(InvalidImageReason.Truncated, error.Reason);
        Assert.Equal((expected.Reason, expected.Message), (error.Reason, error.Message));
    }

    [Fact]
    public void A_damaged_pass_row_fails_the_first_read_with_the_decodes_corrupt_error_and_leaves_no_file()
    {
        // 9 x 9 RGBA noise; the first row of the fourth pass gets filter type 5, which does not exist.
        const int width = 9, height = 9, bpp = 4;
        byte[] pixels = new byte[width * height * bpp];
        new Random(7).NextBytes(pixels);
        byte[] rows = PngFiles.Adam7Rows(width, height, bpp, pixels);
        int fourthPass = 0;
        for (int pass = 0; pass < 3; pass++)
        {
            var (_, _, _, _, passWidth, passHeight) = Adam7.Pass(pass, width, height);
            fourthPass += passWidth == 0 ? 0 : passHeight * (1 + (passWidth * bpp));
        }

        rows[fourthPass] = 5;
        byte[] png = PngFiles.InterlacedFile(width, height, 4, rows);
        var expected = Assert.Throws<InvalidImageException>(() => ImageDecoder.Decode(png));
        Assert.Contains("filter type 5", expected.Message, StringComparison.Ordinal);
        using ImageRowReader reader = OpenPlanned(png);

        var error = Assert.Throws<InvalidImageException>(() => reader.ReadRows(new byte[reader.Stride]));

        Assert.Equal((expected.Reason, expected.Message), (error.Reason, error.Message));
        Assert.Null(((PngInterlacedRowStream)reader).SpillPath);
    }

    [Theory]
    [InlineData("rgb-16bit-adam7.png")]
    [InlineData("palette-4bit-adam7.png")]
    [InlineData("grayalpha-8bit-3x5-adam7.png")]
    public void Image_data_with_a_byte_changed_reads_as_the_decode_reads_it_or_fails_as_the_decode_fails(string name)
    {
        // Half the changes are to the compressed bytes (mostly refused by the inflater), half to the filtered rows,
        // compressed again (new pixels, or a filter type that does not exist); the chunk is rewritten with its CRC.
        byte[] png = PngTestFiles.Read(name);
        var data = PngTestFiles.Chunks(png).Single(c => c.Type == "IDAT");
        int after = data.Offset + 12 + data.Body.Length;
        byte[] filtered = Inflate(data.Body);
        var random = new Random(data.Body.Length);
        int failed = 0;
        for (int i = 0; i < 40; i++)
        {
            byte[] body = (byte[])(i % 2 == 0 ? data.Body : filtered).Clone();
            body[random.Next(2, body.Length)] ^= (byte)random.Next(1, 256);
            body = i % 2 == 0 ? body : PngFiles.Deflate(body);
            byte[] changed = [.. png.AsSpan(0, data.Offset), .. PngFiles.Chunk("IDAT", body), .. png.AsSpan(after)];
            DecodedImage decoded;
            try
            {
                decoded = ImageDecoder.Decode(changed);
            }
            catch (InvalidImageException expected)
            {
                var error = Assert.Throws<InvalidImageException>(() => ImageRows.TryOpen(changed)?.Stream(new JpegRowsTests.Discard()));
                Assert.Equal((expected.Reason, expected.Message), (error.Reason, error.Message));
                failed++;
                continue;
            }

            using (decoded)
            {
                AssertRowsAsDecoded(ImageRows.TryOpen(changed)!, decoded, [1, 7]);
            }
        }

        Assert.True(failed is > 0 and < 40, $"{failed} of 40 changes were refused"); // both outcomes are compared
    }

    [Fact]
    public void The_passes_spill_on_the_first_band_and_the_file_is_gone_once_the_reader_is_disposed_or_at_once_on_unix()
    {
        var reader = (PngInterlacedRowStream)OpenPlanned(PngTestFiles.Read("photo-rgb-adam7.png"));
        string? path;
        using (reader)
        {
            Assert.Null(reader.SpillPath);
            Assert.Equal(1, reader.ReadRows(new byte[reader.Stride]));
            path = reader.SpillPath;
            Assert.NotNull(path);
            // Unix: unlinked at once (the open handle keeps it), so a killed process leaves nothing; Windows: until disposed.
            Assert.Equal(OperatingSystem.IsWindows(), File.Exists(path));
            Assert.Equal(reader.Height - 1, reader.ReadRows(new byte[reader.Stride * reader.Height]));
        }

        Assert.False(File.Exists(path));
    }

    [Fact]
    public void A_4000_by_3000_interlaced_file_read_by_rows_holds_under_1_MB_from_the_pools_and_gives_the_decodes_rows()
    {
        const int width = 4000, height = 3000;
        byte[] png = PatternInterlacedPng(width, height);
        using (ImageRows warm = ImageRows.TryOpen(png) ?? throw new InvalidOperationException("not offered"))
        {
            warm.Stream(new JpegRowsTests.Discard()); // The pools' first rents of these sizes allocate; the read measured reuses them.
        }

        using ImageRows rows = ImageRows.TryOpen(png)!; // Its first read spills the passes and keeps the rows.

        using var pools = new PooledMemory();
        int bytePool = pools.PoolOf<byte>();
        var sum = new JpegRowsTests.RowSum();
        pools.Start(thisThreadOnly: true);
        Assert.True(rows.Stream(sum));
        long held = pools.PeakOf(bytePool);
        Assert.InRange(held, 1, MaxHeldBytes);

        pools.Start(thisThreadOnly: true);
        using DecodedImage decoded = ImageDecoder.Decode(png);
        long whole = pools.PeakOf(bytePool);
        var expected = new JpegRowsTests.RowSum();
        for (int y = 0; y < height; y++)
        {
            expected.Accept(y, decoded.Image.GetRow(y));
        }

        Assert.Equal(expected.Value, sum.Value);

        // Time, for the record only (no bound: the machine may be busy): best of three each, side by side in this run.
        double byRows = OrientedRowsTests.BestMilliseconds(() =>
        {
            using ImageRows fresh = ImageRows.TryOpen(png)!;
            fresh.Stream(new JpegRowsTests.Discard());
        });
        double kept = OrientedRowsTests.BestMilliseconds(() => rows.Stream(new JpegRowsTests.Discard()));
        double decode = OrientedRowsTests.BestMilliseconds(() => ImageDecoder.Decode(png).Dispose());
        output.WriteLine($"{width} x {height} interlaced RGB PNG of {png.Length:N0} bytes read by rows: held at most {held:N0} bytes from the pools " +
            $"and a {(long)width * height * 3:N0}-byte temporary file; the whole decode held {whole:N0}. Best of 3: a first read by rows {byRows:F0} ms " +
            $"(a later read of its kept rows {kept:F0} ms), whole decode {decode:F0} ms (ratio {byRows / decode:F2})");
    }

    private static void AssertRowsAsDecoded(ImageRows rows, DecodedImage decoded, int[] bands)
    {
        byte[] expected = decoded.Image.Pixels.ToArray();
        foreach (int band in bands.Where(b => b > 0).Distinct())
        {
            Assert.Equal(expected, JpegRowsTests.ReadAll(rows, band, out bool truncated));
            Assert.Equal(decoded.IsTruncated, truncated);
        }
    }

    private static byte[] Inflate(byte[] compressed)
    {
        using var inflater = new ZLibStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var raw = new MemoryStream();
        inflater.CopyTo(raw);
        return raw.ToArray();
    }

    /// <summary>A photo-like interlaced RGB file, quick to make: gradients with a fine pattern.</summary>
    private static byte[] PatternInterlacedPng(int width, int height)
    {
        byte[] pixels = new byte[width * height * 3];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0, at = y * width * 3; x < width; x++, at += 3)
            {
                pixels[at] = (byte)(x * 255 / width);
                pixels[at + 1] = (byte)(y * 255 / height);
                pixels[at + 2] = (byte)(((x / 3) ^ (y / 5)) & 0x3F);
            }
        }

        return PngFiles.Interlaced(width, height, 3, pixels);
    }

    /// <summary>The codec's own read, not the one <see cref="ImageRows"/> wraps to keep its rows.</summary>
    private static ImageRowReader OpenPlanned(byte[] png) =>
        PngRowStream.MakePlan(png, DecodeOptions.Default.Limits, out _)!.Open(png);
}
