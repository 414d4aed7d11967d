using System.Buffers.Binary;
using Likeness.Imaging.Rows;
using Likeness.Testing;
using Xunit.Abstractions;

namespace Likeness.Imaging.Tests.Rows;

/// <summary>
/// A lossy WebP without an ALPH chunk reads by rows as the whole-image decode gives them, byte for byte, in any band
/// size: odd and tiny sizes, one to eight token partitions, the normal, simple and no loop filter, segment maps, the
/// EXIF orientation applied; a damaged bitstream fails the read with the decode's error. Lossless, animated and
/// alpha files are not offered. A large file's read holds a few macroblock rows of planes, not the image.
/// </summary>
public sealed class WebPRowsTests(ITestOutputHelper output)
{
    // What a read of any size of lossy WebP may hold from the pools: the window of planes (24 luma and 24 chroma
    // rows: a 4,000-wide image ~144 KB, rounded up to the pool's powers of two), two rows of upsampled chroma and the
    // band Stream reads into (64 KB).
    private const long MaxHeldBytes = 400_000;

    /// <summary>Every lossy file without alpha: the dwebp-checked corpus and the row fixtures (rows/make-rows.sh).</summary>
    public static TheoryData<string> Lossy => new(
        Directory.EnumerateFiles(RepoPaths.TestData("webp"), "lossy-*.webp")
            .Concat(Directory.EnumerateFiles(Path.Combine(RepoPaths.TestData("webp"), "rows"), "*.webp"))
            .Select(f => Path.GetRelativePath(RepoPaths.TestData("webp"), f).Replace('\\', '/'))
            .Where(n => !n.StartsWith("lossy-alpha-", StringComparison.Ordinal) && !n.Contains("large-", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal));

    public static TheoryData<string> NotOffered => new(
        Directory.EnumerateFiles(RepoPaths.TestData("webp"), "*.webp")
            .Select(Path.GetFileName)
            .Where(n => !n!.StartsWith("lossy-", StringComparison.Ordinal) || n.StartsWith("lossy-alpha-", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Lossy))]
    public void Every_lossy_file_reads_by_rows_as_it_decodes_in_every_band_size(string name)
    {
        byte[] webp = Read(name);
        using DecodedImage decoded = ImageDecoder.Decode(webp);
        ImageRows rows = ImageRows.TryOpen(webp) ?? throw new InvalidOperationException($"{name} is not offered by rows");

        Assert.Equal(decoded.Info, rows.Info);
        Assert.Equal((decoded.Image.Width, decoded.Image.Height, decoded.Image.Format), (rows.Width, rows.Height, rows.Format));
        byte[] expected = decoded.Image.Pixels.ToArray();
        foreach (int band in new[] { 1, 2, 7, 8, 9, 16, 17, rows.Height - 1, rows.Height, rows.Height + 4 }.Where(b => b > 0).Distinct())
        {
            Assert.Equal(expected, JpegRowsTests.ReadAll(rows, band, out bool truncated));
            Assert.False(truncated);
        }

        Assert.True(rows.Stream(new JpegRowsTests.Discard()));
    }

    [Theory]
    [MemberData(nameof(NotOffered))]
    public void Lossless_animated_and_alpha_files_are_not_offered(string name)
    {
        Assert.Null(ImageRows.TryOpen(Read(name)));
    }

    [Fact]
    public void A_file_with_an_EXIF_orientation_reads_upright_as_the_upright_decode()
    {
        byte[] webp = Read("lossy-exif6-17x9.webp");
        using DecodedImage decoded = ImageDecoder.Decode(webp, DecodeOptions.Upright);
        ImageRows rows = ImageRows.TryOpen(webp, DecodeOptions.Upright) ?? throw new InvalidOperationException("not offered");

        Assert.Equal((9, 17), (rows.Width, rows.Height));
        Assert.Equal(decoded.Image.Pixels.ToArray(), JpegRowsTests.ReadAll(rows, 3, out _));
    }

    [Theory]
    [InlineData("rows/partitions8-93x150.webp")]
    [InlineData("rows/simple-93x150.webp")]
    [InlineData("rows/normal-17x17.webp")]
    [InlineData("lossy-photo.webp")]
    public void Every_cut_of_the_bitstream_reads_as_the_decode_or_fails_with_its_error_after_the_rows_before_it(string name)
    {
        // The VP8 chunk is shortened and the sizes mended, so the container is whole and the bitstream ends early.
        byte[] whole = Read(name);
        int payload = BinaryPrimitives.ReadInt32LittleEndian(whole.AsSpan(16));
        Assert.Equal("VP8 ", System.Text.Encoding.ASCII.GetString(whole, 12, 4));
        int step = Math.Max(1, payload / 50);
        int rowsBeforeAnError = 0;
        for (int length = 0; length < payload; length += step)
        {
            byte[] cut = Shorten(whole, length);
            InvalidImageException expected;
            try
            {
                // The bool decoder reads zeros once past its end, as libwebp's does: a cut of the last bytes may decode.
                using DecodedImage decoded = ImageDecoder.Decode(cut);
                Assert.Equal(decoded.Image.Pixels.ToArray(), JpegRowsTests.ReadAll(ImageRows.TryOpen(cut)!, 7, out _));
                continue;
            }
            catch (InvalidImageException error)
            {
                expected = error;
            }

            foreach (int band in new[] { 1, 5, 1000 })
            {
                ImageRowReader? reader = null;
                var error = Assert.Throws<InvalidImageException>(() =>
                {
                    reader = ImageRows.TryOpen(cut)?.Open();
                    byte[] buffer = new byte[band * reader!.Stride];
                    while (reader.ReadRows(buffer) > 0)
                    {
                    }
                });
                Assert.Equal((expected.Reason, expected.Message), (error.Reason, error.Message));
                rowsBeforeAnError = Math.Max(rowsBeforeAnError, reader?.RowsRead ?? 0);
                reader?.Dispose();
            }
        }

        // A bitstream that fails late hands out the rows of its complete macroblock rows first.
        Assert.True(rowsBeforeAnError > 0, $"{name}: no rows before any error");
    }

    [Fact]
    public void A_4000_by_3000_file_read_by_rows_holds_under_400_KB_from_the_pools_and_gives_the_decodes_rows()
    {
        byte[] webp = Read("rows/large-4000x3000.webp");
        ImageRows rows = ImageRows.TryOpen(webp) ?? throw new InvalidOperationException("not offered");
        Assert.Equal((4000, 3000), (rows.Width, rows.Height));
        rows.Stream(new JpegRowsTests.Discard()); // The pools' first rents of these sizes allocate; the reads measured reuse them.

        long allocated = long.MaxValue;
        for (int attempt = 0; attempt < 3; attempt++)
        {
            // A full collection during a read (another test's big decode) trims the pools: the quietest read counts.
            long before = GC.GetAllocatedBytesForCurrentThread();
            Assert.True(rows.Stream(new JpegRowsTests.Discard()));
            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        using var pools = new PooledMemory();
        int bytePool = pools.PoolOf<byte>();
        var sum = new JpegRowsTests.RowSum();
        pools.Start(thisThreadOnly: true);
        Assert.True(rows.Stream(sum));

        long held = pools.PeakOf(bytePool);
        output.WriteLine($"4,000 x 3,000 lossy WebP of {webp.Length:N0} bytes read by rows: held at most {held:N0} bytes from the pools; " +
            $"{allocated:N0} bytes allocated; the whole decode holds {4000L * 3000 * 9 / 2:N0} (planes 1.5 B, RGB 3 B a pixel)");
        Assert.InRange(held, 1, MaxHeldBytes);
        Assert.InRange(allocated, 0, 64_000); // The frame header's tables and the decoder's per-column context.
        using DecodedImage decoded = ImageDecoder.Decode(webp);
        var expected = new JpegRowsTests.RowSum();
        for (int y = 0; y < rows.Height; y++)
        {
            expected.Accept(y, decoded.Image.GetRow(y));
        }

        Assert.Equal(expected.Value, sum.Value);
    }

    private static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(RepoPaths.TestData("webp"), name));

    /// <summary>A simple-format lossy file whose VP8 chunk keeps its first <paramref name="length"/> bytes.</summary>
    private static byte[] Shorten(byte[] webp, int length)
    {
        byte[] cut = [.. webp.AsSpan(0, 20 + length), .. (length & 1) == 1 ? new byte[1] : []];
        BinaryPrimitives.WriteInt32LittleEndian(cut.AsSpan(4), cut.Length - 8);
        BinaryPrimitives.WriteInt32LittleEndian(cut.AsSpan(16), length);
        return cut;
    }
}
