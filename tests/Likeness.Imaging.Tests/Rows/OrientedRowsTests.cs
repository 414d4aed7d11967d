using Likeness.Imaging.Rows;
using Likeness.Imaging.Transforms;
using Likeness.Imaging.Tests.Jpeg;
using Likeness.Imaging.Tests.Png;
using Likeness.Testing;
using Xunit.Abstractions;

namespace Likeness.Imaging.Tests.Rows;

/// <summary>
/// A PNG (interlaced too) or JPEG whose EXIF orientation (2 to 8) is applied reads upright by rows, byte for byte as the upright
/// decode gives it, in any band size: the stored rows spill to a temporary file on the first band, which the reader
/// deletes when disposed; a large rotated photo's read holds a band and the codec's state, not the image.
/// </summary>
[Collection(MemoryMeasurers.Name)]
public sealed class OrientedRowsTests(ITestOutputHelper output)
{
    // What reading a 4,000-wide 4:2:0 JPEG by rows holds (see JpegRowsTests) plus the spill's band and the caller's.
    private const long MaxHeldBytes = 2_000_000;

    public static TheoryData<int> Orientations() => new(Enumerable.Range(1, 8));

    [Theory]
    [MemberData(nameof(Orientations))]
    public void The_corpus_exif_files_read_upright_by_rows_as_they_decode(int orientation)
    {
        AssertUprightRowsAsDecoded(JpegCorpus.Read($"exif-{orientation}.jpg"));
        AssertUprightRowsAsDecoded(File.ReadAllBytes(Path.Combine(PngTestFiles.CorpusDirectory, "exif", $"exif-{orientation}.png")));
    }

    [Theory]
    [MemberData(nameof(Orientations))]
    public void Encoded_noise_of_odd_sizes_with_an_orientation_reads_upright_by_rows_as_it_decodes(int orientation)
    {
        // 300 x 701 turned is more than one transposing tile (512 KB of output rows): 249 rows of 2,103 bytes at RGB.
        foreach ((int width, int height) in new[] { (33, 47), (37, 21), (1, 9), (9, 1), (300, 701) })
        {
            AssertUprightRowsAsDecoded(ExifOrientationFiles.WithJpegOrientation(JpegRowsTests.NoiseJpeg(width, height, 90, JpegSubsampling.Yuv420), orientation));
            AssertUprightRowsAsDecoded(WithPngOrientation(NoisePng(width, height, PixelFormat.Rgba32), orientation));
            AssertUprightRowsAsDecoded(WithPngOrientation(PngTestFiles.InterlacedNoise(width, height, PixelFormat.Rgb24), orientation));
        }
    }

    [Theory]
    [InlineData(3)]
    [InlineData(6)]
    public void A_cut_off_rotated_jpeg_reads_as_its_decode_fills_it_and_says_it_is_truncated(int orientation)
    {
        byte[] jpeg = ExifOrientationFiles.WithJpegOrientation(JpegRowsTests.NoiseJpeg(67, 45, 90, JpegSubsampling.Yuv420), orientation);
        byte[] cut = jpeg[..(jpeg.Length * 2 / 3)];
        using DecodedImage decoded = ImageDecoder.Decode(cut, DecodeOptions.Upright);
        Assert.True(decoded.IsTruncated);

        AssertUprightRowsAsDecoded(cut);
        Assert.False(ImageRows.TryOpen(cut, DecodeOptions.Upright)!.Stream(new JpegRowsTests.Discard()));
    }

    [Fact]
    public void The_temporary_file_is_written_on_the_first_band_and_gone_once_the_reader_is_disposed_or_at_once_on_unix()
    {
        ImageRows rows = ImageRows.TryOpen(JpegCorpus.Read("exif-6.jpg"))!;
        var reader = new OrientedRowReader(rows.Open(), Orientation.MapOf(6)!.Value);
        string? path;
        using (reader)
        {
            Assert.Null(reader.SpillPath);
            Assert.Equal(1, reader.ReadRows(new byte[reader.Stride]));
            path = reader.SpillPath;
            Assert.NotNull(path);
            Assert.Equal((long)rows.Info.Width * rows.Info.Height * 3, reader.SpilledBytes);
            // Unix: unlinked at once (the open handle keeps it), so a killed process leaves nothing; Windows: until disposed.
            Assert.Equal(OperatingSystem.IsWindows(), File.Exists(path));
            Assert.Equal(reader.Height - 1, reader.ReadRows(new byte[reader.Stride * reader.Height]));
        }

        Assert.False(File.Exists(path));
    }

    [ProcFsFact]
    public void The_reads_after_the_first_copy_the_rows_it_kept_and_the_file_goes_with_the_last_of_them()
    {
        byte[] file = JpegCorpus.Read("exif-6.jpg");
        using DecodedImage decoded = ImageDecoder.Decode(file, DecodeOptions.Upright);
        byte[] expected = decoded.Image.Pixels.ToArray();
        ImageRows rows = ImageRows.TryOpen(file, DecodeOptions.Upright)!;
        Assert.True(rows.KeepsRows);
        using (ImageRowReader first = rows.Open())
        {
            Assert.IsType<KeepingRowReader>(first);
            Assert.Equal(expected, ReadToEnd(first));
        }

        string kept = rows.KeptPath ?? throw new InvalidOperationException("the first complete read kept nothing");
        ImageRowReader second = rows.Open();
        Assert.IsType<SpilledRowReader>(second);
        rows.Dispose();
        Assert.Throws<ObjectDisposedException>(rows.Open);

        // The source is disposed, but the read over its rows holds the file open until it ends.
        Assert.Equal(1, ProcFsFactAttribute.OpenHandlesTo(kept));
        Assert.Equal(expected, ReadToEnd(second));
        second.Dispose();
        Assert.Equal(0, ProcFsFactAttribute.OpenHandlesTo(kept));
    }

    [Fact]
    public void A_first_read_that_stops_early_keeps_nothing_and_the_next_read_turns_the_rows_again()
    {
        using ImageRows rows = ImageRows.TryOpen(JpegCorpus.Read("exif-6.jpg"), DecodeOptions.Upright)!;
        using (ImageRowReader first = rows.Open())
        {
            Assert.Equal(1, first.ReadRows(new byte[first.Stride]));
            using ImageRowReader beside = rows.Open();
            Assert.IsType<OrientedRowReader>(beside); // A read beside it keeps nothing: it turns the rows on its own.
        }

        Assert.Null(rows.KeptPath);
        using ImageRowReader next = rows.Open();
        Assert.IsType<KeepingRowReader>(next);
    }

    [Fact]
    public void Unrotated_rows_are_not_spilled()
    {
        using ImageRowReader upright = ImageRows.TryOpen(JpegCorpus.Read("exif-1.jpg"), DecodeOptions.Upright)!.Open();
        using ImageRowReader stored = ImageRows.TryOpen(JpegCorpus.Read("exif-6.jpg"), DecodeOptions.Default)!.Open();

        Assert.IsNotType<OrientedRowReader>(upright);
        Assert.IsNotType<OrientedRowReader>(stored);
        Assert.False(ImageRows.TryOpen(JpegCorpus.Read("exif-6.jpg"), DecodeOptions.Default)!.KeepsRows); // Decoding again is cheaper.
        Assert.Equal((7, 13), (stored.Width, stored.Height));
    }

    [Fact]
    public void A_4000_by_3000_photo_turned_a_quarter_holds_under_2_MB_from_the_pools_and_gives_the_upright_decodes_rows()
    {
        const int width = 4000, height = 3000;
        byte[] jpeg = ExifOrientationFiles.WithJpegOrientation(JpegRowsTests.PatternJpeg(width, height), 6);
        using (ImageRows warm = ImageRows.TryOpen(jpeg, DecodeOptions.Upright) ?? throw new InvalidOperationException("not offered"))
        {
            warm.Stream(new JpegRowsTests.Discard()); // The pools' first rents of these sizes allocate; the reads measured reuse them.
        }

        // A fresh source: its first read turns the photo (the reads after it copy the rows that read kept).
        using ImageRows rows = ImageRows.TryOpen(jpeg, DecodeOptions.Upright)!;
        Assert.Equal((height, width), (rows.Width, rows.Height));

        using var pools = new PooledMemory();
        int bytePool = pools.PoolOf<byte>(), shortPool = pools.PoolOf<short>();
        var sum = new JpegRowsTests.RowSum();
        pools.Start(thisThreadOnly: true);
        Assert.True(rows.Stream(sum));

        // The pool's events count elements: a short (a coefficient) is two bytes.
        long heldBytes = pools.PeakOf(bytePool), heldShorts = pools.PeakOf(shortPool), held = heldBytes + (2 * heldShorts);
        Assert.InRange(held, 1, MaxHeldBytes);

        pools.Start(thisThreadOnly: true);
        using DecodedImage decoded = ImageDecoder.Decode(jpeg, DecodeOptions.Upright);
        long wholeBytes = pools.PeakOf(bytePool), wholeShorts = pools.PeakOf(shortPool);
        output.WriteLine($"{width} x {height} 4:2:0 JPEG, orientation 6, of {jpeg.Length:N0} bytes read upright by rows: held at most {held:N0} bytes " +
            $"from the pools ({heldBytes:N0} bytes, {heldShorts:N0} shorts of coefficients) and a {(long)width * height * 3:N0}-byte temporary file; " +
            $"the whole upright decode held {wholeBytes + (2 * wholeShorts):N0} ({wholeBytes:N0} bytes, {wholeShorts:N0} shorts)");
        var expected = new JpegRowsTests.RowSum();
        for (int y = 0; y < decoded.Image.Height; y++)
        {
            expected.Accept(y, decoded.Image.GetRow(y));
        }

        Assert.Equal(expected.Value, sum.Value);

        // Time, for the record only (no bound: the machine may be busy): the upright read against the stored rows' read
        // and the whole upright decode, best of three each, side by side in this run.
        using ImageRows stored = ImageRows.TryOpen(jpeg, DecodeOptions.Default)!;
        double upright = BestMilliseconds(() =>
        {
            using ImageRows fresh = ImageRows.TryOpen(jpeg, DecodeOptions.Upright)!;
            fresh.Stream(new JpegRowsTests.Discard());
        });
        double kept = BestMilliseconds(() => rows.Stream(new JpegRowsTests.Discard()));
        double asStored = BestMilliseconds(() => stored.Stream(new JpegRowsTests.Discard()));
        double whole = BestMilliseconds(() => ImageDecoder.Decode(jpeg, DecodeOptions.Upright).Dispose());
        output.WriteLine($"best of 3: upright by rows {upright:F0} ms (a later read of the kept rows {kept:F0} ms), stored rows by rows {asStored:F0} ms, " +
            $"whole upright decode {whole:F0} ms (upright / stored {upright / asStored:F2}, upright / whole {upright / whole:F2})");
    }

    internal static double BestMilliseconds(Action action)
    {
        double best = double.MaxValue;
        for (int i = 0; i < 3; i++)
        {
            long start = System.Diagnostics.Stopwatch.GetTimestamp();
            action();
            best = Math.Min(best, System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        return best;
    }

    private static void AssertUprightRowsAsDecoded(byte[] file)
    {
        using DecodedImage decoded = ImageDecoder.Decode(file, DecodeOptions.Upright);
        byte[] expected = decoded.Image.Pixels.ToArray();
        foreach (int band in new[] { 1, 7, decoded.Image.Height }.Distinct())
        {
            using ImageRows rows = ImageRows.TryOpen(file, DecodeOptions.Upright) ?? throw new InvalidOperationException("not offered");
            Assert.Equal((decoded.Image.Width, decoded.Image.Height, decoded.Image.Format), (rows.Width, rows.Height, rows.Format));
            // The first read turns the stored rows; the second copies the rows the first kept.
            for (int read = 0; read < 2; read++)
            {
                Assert.Equal(expected, JpegRowsTests.ReadAll(rows, band, out bool truncated));
                Assert.Equal(decoded.IsTruncated, truncated);
            }
        }
    }

    private static byte[] ReadToEnd(ImageRowReader reader)
    {
        byte[] all = new byte[reader.Stride * reader.Height];
        Assert.Equal(reader.Height, reader.ReadRows(all));
        return all;
    }

    /// <summary>The PNG with an eXIf chunk before its first IDAT.</summary>
    private static byte[] WithPngOrientation(byte[] png, int orientation)
    {
        int idat = png.AsSpan().IndexOf("IDAT"u8) - 4;
        return [.. png.AsSpan(0, idat), .. PngFiles.Chunk("eXIf", ExifOrientationFiles.Tiff(orientation)), .. png.AsSpan(idat)];
    }

    private static byte[] NoisePng(int width, int height, PixelFormat format)
    {
        byte[] pixels = new byte[width * height * format.BytesPerPixel()];
        new Random(width * 31 + height).NextBytes(pixels);
        using Image image = Image.FromPixels(width, height, format, pixels);
        return ImageEncoder.EncodeToBytes(image, ImageFormat.Png);
    }
}
