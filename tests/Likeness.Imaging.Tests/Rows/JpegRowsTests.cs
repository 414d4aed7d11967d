using Likeness.Imaging.Rows;
using Likeness.Imaging.Tests.Jpeg;
using Likeness.Testing;
using Xunit.Abstractions;

namespace Likeness.Imaging.Tests.Rows;

/// <summary>
/// A JPEG reads by rows as the whole-image decode gives them, byte for byte, in any band size: every sampling the
/// decoder supports, gray, CMYK/YCCK, restart intervals, sizes that are not whole MCUs, cut and damaged files (the
/// decode's fill, truncation flag and error), progressive files and sequential files whose components come in
/// separate scans (their coefficients spilled, see <see cref="SpilledJpegRowsTests"/>). A large single-scan file's
/// read holds a small, fixed amount of memory.
/// </summary>
[Collection(MemoryMeasurers.Name)]
public sealed class JpegRowsTests(ITestOutputHelper output)
{
    // What a read of any size of JPEG may hold from the pools: one MCU row's coefficients, planes and output rows
    // (a 6,000-wide 4:2:0 row: ~0.3 MB of coefficients, ~0.2 MB of planes, ~0.3 MB of output, each rounded up to the
    // pool's power of two) and the band Stream reads into.
    private const long MaxHeldBytes = 2_000_000;

    /// <summary>Every decodable corpus JPEG (the photos and EXIF files too).</summary>
    public static TheoryData<string> Corpus => new(
        Directory.EnumerateFiles(RepoPaths.TestData("jpeg"), "*.jpg", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}refused{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(RepoPaths.TestData("jpeg"), f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Every_corpus_file_reads_by_rows_as_it_decodes(string name)
    {
        byte[] jpeg = JpegCorpus.Read(name);
        using DecodedImage decoded = ImageDecoder.Decode(jpeg);
        ImageRows? rows = ImageRows.TryOpen(jpeg);

        Assert.NotNull(rows);
        Assert.Equal(decoded.Info, rows.Info);
        Assert.Equal((decoded.Image.Width, decoded.Image.Height, decoded.Image.Format), (rows.Width, rows.Height, rows.Format));
        AssertRowsAsDecoded(rows, decoded, [1, 2, 3, 7, 16, 17, rows.Height - 1, rows.Height, rows.Height + 4]);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 37)]
    [InlineData(37, 1)]
    [InlineData(17, 9)]
    [InlineData(33, 47)]
    [InlineData(130, 66)]
    public void Encoded_noise_of_awkward_sizes_reads_by_rows_as_it_decodes_at_both_samplings(int width, int height)
    {
        foreach (JpegSubsampling subsampling in new[] { JpegSubsampling.Yuv420, JpegSubsampling.Yuv444 })
        {
            byte[] jpeg = NoiseJpeg(width, height, 92, subsampling);
            using DecodedImage decoded = ImageDecoder.Decode(jpeg);
            ImageRows rows = ImageRows.TryOpen(jpeg) ?? throw new InvalidOperationException("not offered");
            AssertRowsAsDecoded(rows, decoded, [1, 2, 5, height]);
        }
    }

    [Theory]
    [InlineData("photo-420.jpg")]
    [InlineData("photo-440.jpg")]
    [InlineData("photo-restart-3mcu.jpg")]
    [InlineData("photo-gray.jpg")]
    [InlineData("noise-7x13-420.jpg")]
    [InlineData("photo-progressive.jpg")]
    [InlineData("photo-progressive-restart.jpg")]
    [InlineData("photo-progressive-gray.jpg")]
    [InlineData("noise-7x13-progressive-444.jpg")]
    [InlineData("photo-sequential-two-scans.jpg")]
    public void Every_cut_of_a_file_reads_as_the_decode_fills_it_or_fails_as_the_decode_does(string name)
    {
        byte[] whole = JpegCorpus.Read(name);
        int step = Math.Max(1, whole.Length / 60);
        int read = 0;
        for (int length = 2; length < whole.Length; length += step)
        {
            ReadOnlyMemory<byte> cut = whole.AsMemory(0, length);
            DecodedImage decoded;
            try
            {
                decoded = ImageDecoder.Decode(cut.Span);
            }
            catch (InvalidImageException expected)
            {
                var error = Assert.Throws<InvalidImageException>(() => ImageRows.TryOpen(cut)?.Stream(new Discard()));
                Assert.Equal((expected.Reason, expected.Message), (error.Reason, error.Message));
                continue;
            }

            using (decoded)
            {
                Assert.True(decoded.IsTruncated, $"{name}[..{length}]");
                ImageRows rows = ImageRows.TryOpen(cut) ?? throw new InvalidOperationException($"{name}[..{length}] not offered");
                AssertRowsAsDecoded(rows, decoded, [1, 7, rows.Height]);
                read++;
            }
        }

        Assert.True(read > 10, $"only {read} cuts decoded");
    }

    [Fact]
    public void The_committed_truncated_and_damaged_files_keep_the_decodes_fill_and_flag()
    {
        foreach (string name in new[] { "truncated-baseline.jpg", "corrupt-restart.jpg", "truncated-progressive.jpg", "truncated-restart.jpg" })
        {
            byte[] jpeg = JpegCorpus.Read(name);
            using DecodedImage decoded = ImageDecoder.Decode(jpeg);
            ImageRows rows = ImageRows.TryOpen(jpeg)!;
            Assert.Equal(decoded.Image.Pixels.ToArray(), ReadAll(rows, 3, out bool truncated));
            Assert.Equal(decoded.IsTruncated, truncated);
            Assert.Equal(!decoded.IsTruncated, rows.Stream(new Discard()));
        }

        Assert.True(ImageDecoder.Decode(JpegCorpus.Read("truncated-baseline.jpg")).IsTruncated);
    }

    [Theory]
    [InlineData("bad-huffman.jpg")]
    [InlineData("cut-in-headers.jpg")]
    [InlineData("headers-only.jpg")]
    [InlineData("huge-60000.jpg")]
    [InlineData("12bit.jpg")]
    [InlineData("arithmetic.jpg")]
    [InlineData("lossless.jpg")]
    public void A_refused_file_is_refused_by_rows_with_the_decodes_error(string name)
    {
        byte[] jpeg = JpegCorpus.Read(Path.Combine("refused", name));
        var expected = Assert.Throws<InvalidImageException>(() => ImageDecoder.Decode(jpeg));

        var error = Assert.Throws<InvalidImageException>(() => ImageRows.TryOpen(jpeg)?.Stream(new Discard()));

        Assert.Equal((expected.Reason, expected.Message), (error.Reason, error.Message));
    }

    [Fact]
    public void A_corrupt_segment_after_the_scan_fails_the_read_of_the_last_MCU_row_as_the_decode_fails()
    {
        // A second frame header after the image data: the decode walks on past the scan and refuses it.
        byte[] jpeg = JpegCorpus.Read("noise-64x48-444.jpg");
        int frameAt = FindMarker(jpeg, 0xC0);
        int frameLength = (jpeg[frameAt + 2] << 8) | jpeg[frameAt + 3];
        byte[] damaged = [.. jpeg.AsSpan(0, jpeg.Length - 2), .. jpeg.AsSpan(frameAt, frameLength + 2), 0xFF, 0xD9];
        var expected = Assert.Throws<InvalidImageException>(() => ImageDecoder.Decode(damaged));
        using ImageRowReader reader = ImageRows.TryOpen(damaged)!.Open();
        byte[] row = new byte[reader.Stride];

        var error = Assert.Throws<InvalidImageException>(() =>
        {
            while (reader.ReadRows(row) > 0)
            {
            }
        });

        Assert.Equal((expected.Reason, expected.Message), (error.Reason, error.Message));
        // The rows of every MCU row but the last (8 rows at 4:4:4, one of them waiting on its context) came first.
        Assert.Equal(reader.Height - 9, reader.RowsRead);
    }

    [Fact]
    public void A_6000_by_4000_file_read_by_rows_holds_under_2_MB_from_the_pools_and_gives_the_decodes_rows()
    {
        const int width = 6000, height = 4000;
        byte[] jpeg = PatternJpeg(width, height);
        ImageRows rows = ImageRows.TryOpen(jpeg) ?? throw new InvalidOperationException("not offered");
        rows.Stream(new Discard()); // The pools' first rents of these sizes allocate; the reads measured reuse them.

        // Allocations first, with nothing listening (the listener's events allocate); then the pools, this thread's rents.
        long allocated = AllocatedByOneRead(() => ImageRows.TryOpen(jpeg)!);
        using var pools = new PooledMemory();
        int bytePool = pools.PoolOf<byte>(), shortPool = pools.PoolOf<short>();
        var sum = new RowSum();
        pools.Start(thisThreadOnly: true);
        Assert.True(rows.Stream(sum));

        // The pool's events count elements: a short (a coefficient) is two bytes.
        long heldBytes = pools.PeakOf(bytePool), heldShorts = pools.PeakOf(shortPool), held = heldBytes + (2 * heldShorts);
        output.WriteLine($"{width} x {height} 4:2:0 JPEG of {jpeg.Length:N0} bytes read by rows: held at most {held:N0} bytes from the pools " +
            $"({heldBytes:N0} bytes, {heldShorts:N0} shorts of coefficients); {allocated:N0} bytes allocated; " +
            $"the whole decode holds {(long)width * height * 15 / 2:N0} (coefficients 3 B, planes 1.5 B, RGB 3 B a pixel)");
        Assert.InRange(held, 1, MaxHeldBytes);
        Assert.InRange(allocated, 0, 64_000); // The headers' tables and the read's small objects, whatever the height.
        using DecodedImage decoded = ImageDecoder.Decode(jpeg);
        var expected = new RowSum();
        for (int y = 0; y < height; y++)
        {
            expected.Accept(y, decoded.Image.GetRow(y));
        }

        Assert.Equal(expected.Value, sum.Value);
    }

    // No pool listener may run meanwhile (its events allocate on this thread). A full collection while a read runs
    // (another test's big decode) trims the shared pools, and that read's rents allocate anew: the read is measured
    // three times and the quietest counts.
    internal static long AllocatedByOneRead(Func<ImageRows> open)
    {
        using IDisposable exclusive = MemoryMeasurement.Exclusive();
        long quietest = long.MaxValue;
        for (int attempt = 0; attempt < 3; attempt++)
        {
            using ImageRows rows = open(); // A first read each time: a dear file's later reads copy kept rows.
            long before = GC.GetAllocatedBytesForCurrentThread();
            Assert.True(rows.Stream(new Discard()));
            quietest = Math.Min(quietest, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return quietest;
    }

    internal static void AssertRowsAsDecoded(ImageRows rows, DecodedImage decoded, int[] bands)
    {
        byte[] expected = decoded.Image.Pixels.ToArray();
        foreach (int band in bands.Where(b => b > 0).Distinct())
        {
            Assert.Equal(expected, ReadAll(rows, band, out bool truncated));
            Assert.Equal(decoded.IsTruncated, truncated);
        }
    }

    internal static byte[] NoiseJpeg(int width, int height, int quality, JpegSubsampling subsampling)
    {
        byte[] pixels = new byte[width * height * 3];
        new Random(width * 31 + height).NextBytes(pixels);
        using Image image = Image.FromPixels(width, height, PixelFormat.Rgb24, pixels);
        return ImageEncoder.EncodeToBytes(image, ImageFormat.Jpeg, new EncodeOptions { JpegQuality = quality, JpegSubsampling = subsampling });
    }

    /// <summary>A photo-like file of any size, quick to make: gradients with a fine pattern, 4:2:0 at quality 90.</summary>
    internal static byte[] PatternJpeg(int width, int height)
    {
        using Image image = Image.CreateUninitialized(width, height, PixelFormat.Rgb24);
        for (int y = 0; y < height; y++)
        {
            Span<byte> row = image.GetRow(y);
            for (int x = 0; x < width; x++)
            {
                row[3 * x] = (byte)(x * 255 / width);
                row[(3 * x) + 1] = (byte)(y * 255 / height);
                row[(3 * x) + 2] = (byte)(((x / 3) ^ (y / 5)) & 0x3F);
            }
        }

        return ImageEncoder.EncodeToBytes(image, ImageFormat.Jpeg);
    }

    internal static int FindMarker(byte[] data, byte marker)
    {
        for (int i = 2; i + 1 < data.Length; i++)
        {
            if (data[i] == 0xFF && data[i + 1] == marker)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"no FF{marker:X2}");
    }

    internal static byte[] ReadAll(ImageRows rows, int band, out bool truncated)
    {
        using ImageRowReader reader = rows.Open();
        byte[] all = new byte[rows.Height * reader.Stride];
        byte[] buffer = new byte[band * reader.Stride];
        int at = 0;
        while (reader.ReadRows(buffer) is var count and > 0)
        {
            buffer.AsSpan(0, count * reader.Stride).CopyTo(all.AsSpan(at));
            at += count * reader.Stride;
        }

        Assert.Equal(all.Length, at);
        Assert.Equal(rows.Height, reader.RowsRead);
        truncated = reader.IsTruncated;
        return all;
    }

    /// <summary>An order-sensitive hash of every row (the rows of a large image without keeping them).</summary>
    internal sealed class RowSum : IImageRowSink
    {
        public ulong Value { get; private set; } = 14695981039346656037;

        public void Accept(int y, ReadOnlySpan<byte> row)
        {
            ulong h = Value ^ (ulong)y;
            foreach (byte b in row)
            {
                h = (h ^ b) * 1099511628211;
            }

            Value = h;
        }
    }

    internal sealed class Discard : IImageRowSink
    {
        public void Accept(int y, ReadOnlySpan<byte> row)
        {
        }
    }
}
