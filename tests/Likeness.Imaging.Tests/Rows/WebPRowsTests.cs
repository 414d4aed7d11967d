using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Likeness.Imaging.Rows;
using Likeness.Imaging.Tests.Fuzzing;
using Likeness.Imaging.Tests.WebP;
using Likeness.Testing;
using Xunit.Abstractions;

namespace Likeness.Imaging.Tests.Rows;

/// <summary>
/// A still WebP reads by rows as the whole-image decode gives them, byte for byte, in any band size: lossy (odd and
/// tiny sizes, one to eight token partitions, the normal, simple and no loop filter, segment maps), lossy with an ALPH
/// plane (lossless or raw, every alpha filter), lossless (every transform, a ring that wraps), the EXIF orientation
/// applied; a damaged bitstream or alpha fails the read with the decode's error. Animated files are not offered.
/// Large files' reads hold a few macroblock rows of planes and the lossless decoder's ring, not the image.
/// </summary>
public sealed class WebPRowsTests(ITestOutputHelper output)
{
    // What a read of any size of lossy WebP may hold from the pools: the window of planes (24 luma and 24 chroma
    // rows: a 4,000-wide image ~144 KB, rounded up to the pool's powers of two), two rows of upsampled chroma and the
    // band Stream reads into (64 KB).
    private const long MaxHeldBytes = 400_000;

    // What a read with a lossless stream may allocate whatever the image's size: the ring of ~1M pixels (4.2 MB), the
    // codes, the transforms' sub-images and a few rows.
    private const long MaxLosslessAllocatedBytes = 6_000_000;

    /// <summary>Every still: the dwebp-checked corpus and the row fixtures (rows/make-rows.sh) but the largest.</summary>
    public static TheoryData<string> Stills => new(
        Directory.EnumerateFiles(RepoPaths.TestData("webp"), "*.webp")
            .Concat(Directory.EnumerateFiles(Path.Combine(RepoPaths.TestData("webp"), "rows"), "*.webp"))
            .Select(f => Path.GetRelativePath(RepoPaths.TestData("webp"), f).Replace('\\', '/'))
            .Where(n => !n.StartsWith("animated-", StringComparison.Ordinal) && !n.Contains("4000x3000", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal));

    /// <summary>The row fixtures and dwebp's pixels for them (SHA-256 of RGBA).</summary>
    public static TheoryData<string> Fixtures => new(RowFixtures().Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Stills))]
    public void Every_still_reads_by_rows_as_it_decodes_in_every_band_size(string name)
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
    [MemberData(nameof(Fixtures))]
    public void Every_row_fixture_decodes_exactly_like_dwebp(string name)
    {
        (int width, int height, string sha256) = RowFixtures()[name];

        using DecodedImage decoded = ImageDecoder.Decode(Read($"rows/{name}"));

        Assert.Equal((width, height), (decoded.Image.Width, decoded.Image.Height));
        Assert.Equal(sha256, Convert.ToHexStringLower(SHA256.HashData(WebPCorpusTests.Rgba(decoded.Image))));
    }

    [Theory]
    [InlineData("animated-lossless-8x8.webp")]
    [InlineData("animated-lossy-8x8.webp")]
    public void Animated_files_are_not_offered(string name)
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
    [InlineData("rows/partitions8-93x150.webp", "VP8 ")]
    [InlineData("rows/simple-93x150.webp", "VP8 ")]
    [InlineData("rows/normal-17x17.webp", "VP8 ")]
    [InlineData("lossy-photo.webp", "VP8 ")]
    [InlineData("lossless-photo-obama.webp", "VP8L")]
    [InlineData("lossless-colors4-23x11.webp", "VP8L")]
    [InlineData("lossy-alpha-best-33x65.webp", "ALPH")]
    [InlineData("lossy-alpha-raw-47x31.webp", "ALPH")]
    [InlineData("lossy-alpha-q50-47x31.webp", "VP8 ")]
    public void Every_cut_of_the_image_data_reads_as_the_decode_or_fails_with_its_error_after_the_rows_before_it(string name, string chunk)
    {
        // One chunk is shortened and the sizes mended, so the container is whole and the image data ends early.
        byte[] whole = Read(name);
        int payload = Chunks(whole).Single(c => c.Type == chunk).Length;
        int step = Math.Max(1, payload / 50);
        int rowsBeforeAnError = 0;
        for (int length = 0; length < payload; length += step)
        {
            byte[] cut = Shorten(whole, chunk, length);
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

        // Data that fails late hands out the rows before first (a raw alpha's length is checked before any row).
        Assert.True(rowsBeforeAnError > 0 || name.Contains("-raw-", StringComparison.Ordinal), $"{name}: no rows before any error");
    }

    [Fact]
    public void A_4000_by_3000_lossy_file_read_by_rows_holds_under_400_KB_from_the_pools_and_gives_the_decodes_rows()
    {
        byte[] webp = Read("rows/large-4000x3000.webp");
        ImageRows rows = ImageRows.TryOpen(webp) ?? throw new InvalidOperationException("not offered");
        Assert.Equal((4000, 3000, false), (rows.Width, rows.Height, rows.KeepsRows)); // A lossy read costs less than a spill.
        rows.Stream(new JpegRowsTests.Discard()); // The pools' first rents of these sizes allocate; the reads measured reuse them.

        long allocated = JpegRowsTests.AllocatedByOneRead(() => ImageRows.TryOpen(webp)!);

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

    [Fact]
    public void A_file_whose_alpha_and_bitstream_are_both_cut_fails_with_the_alphas_error_as_the_decode_does()
    {
        // The decode reads the alpha plane first; the read meets the bitstream's damage first, then reads on the alpha.
        byte[] webp = Read("lossy-alpha-best-33x65.webp");
        int alpha = Chunks(webp).Single(c => c.Type == "ALPH").Length;
        byte[] damaged = Shorten(Shorten(webp, "VP8 ", 40), "ALPH", alpha * 3 / 4);
        var expected = Assert.Throws<InvalidImageException>(() => ImageDecoder.Decode(damaged));
        Assert.Contains("lossless", expected.Message, StringComparison.Ordinal);

        var error = Assert.Throws<InvalidImageException>(() => ImageRows.TryOpen(damaged)?.Stream(new JpegRowsTests.Discard()));

        Assert.Equal((expected.Reason, expected.Message), (error.Reason, error.Message));
    }

    [Fact]
    public void Mutated_files_read_by_rows_as_they_decode_or_fail_with_the_decodes_error()
    {
        string[] seeds = ["lossless-photo-obama.webp", "lossless-colors16-23x11.webp", "lossy-alpha-best-33x65.webp", "lossy-alpha-raw-47x31.webp", "lossy-photo.webp", "rows/partitions4-93x150.webp"];
        var options = new DecodeOptions { Limits = new ImageLimits { MaxWidth = 4096, MaxHeight = 4096, MaxPixels = 1_000_000, MaxMemoryBytes = 64L << 20 } };
        int decoded = 0, refused = 0;
        for (int i = 0; i < 1500; i++)
        {
            byte[] seed = Read(seeds[i % seeds.Length]);
            (byte[] data, string how) = new Mutator(i).Mutate(seed, Read(seeds[(i + 1) % seeds.Length]), ImageFormat.WebP);
            byte[] expected;
            try
            {
                using DecodedImage image = ImageDecoder.Decode(data, options);
                expected = image.Image.Pixels.ToArray();
            }
            catch (InvalidImageException error)
            {
                refused++;
                var rowsError = Assert.Throws<InvalidImageException>(() => ImageRows.TryOpen(data, options)?.Stream(new JpegRowsTests.Discard()));
                Assert.True((error.Reason, error.Message) == (rowsError.Reason, rowsError.Message), $"{i} ({how}): {error.Message} / {rowsError.Message}");
                continue;
            }

            decoded++;
            ImageRows? rows = ImageRows.TryOpen(data, options);
            if (rows is not null)
            {
                Assert.True(expected.AsSpan().SequenceEqual(JpegRowsTests.ReadAll(rows, 3, out _)), $"{i} ({how}): rows differ");
            }
        }

        output.WriteLine($"1,500 mutated WebP files: {decoded} decoded, {refused} refused, rows and decode agreed on each");
        Assert.True(decoded > 100 && refused > 100, $"{decoded} decoded, {refused} refused");
    }

    [Theory]
    [InlineData("rows/lossless-gradient-4000x3000.webp")]
    [InlineData("rows/lossy-alpha-1200x900.webp")]
    public void A_large_lossless_stream_read_by_rows_allocates_its_ring_not_the_image_and_gives_the_decodes_rows(string name)
    {
        byte[] webp = Read(name);
        ImageRows rows = ImageRows.TryOpen(webp) ?? throw new InvalidOperationException("not offered");
        Assert.Equal(name.Contains("lossless", StringComparison.Ordinal), rows.KeepsRows); // A lossless read is dear: its rows are kept.
        var sum = new JpegRowsTests.RowSum();
        long allocated, whole;
        DecodedImage measured;
        using (MemoryMeasurement.Exclusive()) // No pool listener beside it: its events allocate on this thread.
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            Assert.True(rows.Stream(sum));
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            before = GC.GetAllocatedBytesForCurrentThread();
            measured = ImageDecoder.Decode(webp);
            whole = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        using DecodedImage decoded = measured;
        output.WriteLine($"{name} ({rows.Width:N0} x {rows.Height:N0}, {webp.Length:N0} bytes) read by rows: {allocated:N0} bytes allocated; " +
            $"the whole decode allocates {whole:N0} and holds its {decoded.Image.Pixels.Length:N0} bytes of output");
        Assert.InRange(allocated, 1, MaxLosslessAllocatedBytes);
        var expected = new JpegRowsTests.RowSum();
        for (int y = 0; y < rows.Height; y++)
        {
            expected.Accept(y, decoded.Image.GetRow(y));
        }

        Assert.Equal(expected.Value, sum.Value);
    }

    [Theory]
    [InlineData("rows/large-4000x3000.webp", 64_000)]
    [InlineData("lossy-alpha-best-33x65.webp", 64_000)]
    [InlineData("lossless-photo-biden.webp", MaxLosslessAllocatedBytes)]
    public void An_input_that_is_not_an_array_is_read_where_it_lies(string name, long maxAllocated)
    {
        // As a memory-mapped upload is: the bitstream is pinned, not copied onto the heap.
        byte[] webp = Read(name);
        using var native = new NativeBytes(webp);
        using (ImageRows rows = ImageRows.TryOpen(native.Memory) ?? throw new InvalidOperationException("not offered"))
        {
            using DecodedImage decoded = ImageDecoder.Decode(webp);
            Assert.Equal(decoded.Image.Pixels.ToArray(), JpegRowsTests.ReadAll(rows, 5, out _));
        }

        // A first read of a fresh source each time (a lossless file's later reads copy the rows the first kept).
        Assert.InRange(JpegRowsTests.AllocatedByOneRead(() => ImageRows.TryOpen(native.Memory)!), 0, maxAllocated);
    }

    private static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(RepoPaths.TestData("webp"), name));

    private static Dictionary<string, (int Width, int Height, string Sha256)> RowFixtures() =>
        File.ReadAllLines(Path.Combine(RepoPaths.TestData("webp"), "rows", "expected-rgba.sha256"))
            .Select(line => line.Split(' '))
            .ToDictionary(f => f[0], f => (int.Parse(f[1], CultureInfo.InvariantCulture), int.Parse(f[2], CultureInfo.InvariantCulture), f[3]));

    /// <summary>The RIFF chunks after the WEBP tag: type, payload offset and length.</summary>
    private static List<(string Type, int Offset, int Length)> Chunks(byte[] webp)
    {
        var chunks = new List<(string, int, int)>();
        for (int at = 12; at + 8 <= webp.Length;)
        {
            int length = BinaryPrimitives.ReadInt32LittleEndian(webp.AsSpan(at + 4));
            chunks.Add((Encoding.ASCII.GetString(webp, at, 4), at + 8, length));
            at += 8 + length + (length & 1);
        }

        return chunks;
    }

    /// <summary>The file with chunk <paramref name="type"/> cut to its first <paramref name="length"/> bytes.</summary>
    private static byte[] Shorten(byte[] webp, string type, int length)
    {
        var file = new List<byte>(webp.AsSpan(0, 12).ToArray());
        foreach ((string chunk, int offset, int size) in Chunks(webp))
        {
            int keep = chunk == type ? length : size;
            file.AddRange(Encoding.ASCII.GetBytes(chunk));
            file.AddRange(BitConverter.GetBytes(keep));
            file.AddRange(webp.AsSpan(offset, keep).ToArray());
            if ((keep & 1) == 1)
            {
                file.Add(0);
            }
        }

        byte[] cut = [.. file];
        BinaryPrimitives.WriteInt32LittleEndian(cut.AsSpan(4), cut.Length - 8);
        return cut;
    }

    /// <summary>Bytes in native memory: a <see cref="Memory{T}"/> that is not an array.</summary>
    private sealed unsafe class NativeBytes : MemoryManager<byte>
    {
        private readonly byte* _bytes;
        private readonly int _length;

        public NativeBytes(byte[] bytes)
        {
            _length = bytes.Length;
            _bytes = (byte*)NativeMemory.Alloc((nuint)bytes.Length);
            bytes.CopyTo(new Span<byte>(_bytes, _length));
        }

        public override Span<byte> GetSpan() => new(_bytes, _length);

        public override MemoryHandle Pin(int elementIndex = 0) => new(_bytes + elementIndex);

        public override void Unpin()
        {
        }

        protected override void Dispose(bool disposing) => NativeMemory.Free(_bytes);
    }
}
