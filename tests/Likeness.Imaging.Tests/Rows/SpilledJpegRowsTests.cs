using Likeness.Imaging.Codecs.Jpeg.Decoding;
using Likeness.Imaging.Rows;
using Likeness.Imaging.Tests.Jpeg;
using Likeness.Testing;
using Xunit.Abstractions;

namespace Likeness.Imaging.Tests.Rows;

/// <summary>
/// A progressive JPEG, or a sequential one whose components come in separate scans, reads by rows byte for byte as
/// the whole decode gives it: its coefficients spill to a temporary file on the first band (sized up front, gone once
/// the read is disposed), every scan is decoded there, and the rows come out an MCU row at a time, block smoothing of
/// short or cut progressions, truncation flags and errors included. A large file's read holds windows, not the
/// coefficients. (The corpus and its cuts are read in <see cref="JpegRowsTests"/> too.)
/// </summary>
public sealed class SpilledJpegRowsTests(ITestOutputHelper output)
{
    // What reading a 6,000-wide 4:2:0 JPEG by rows holds from the pools without its coefficients (see JpegRowsTests):
    // the planes' window, the output rows' window, the upsampling scratch and the band Stream reads into.
    private const long MaxHeldBytes = 2_000_000;

    public static TheoryData<string> ShortProgressions() => JpegProgressionTests.ShortProgressions();

    /// <summary>
    /// Progressions stopped after 1 to 6 scans, whole or cut inside their last scan (4:2:0, 4:2:2, 4:4:4, grey 1x1 and
    /// 2x2, restart intervals, a two-block-wide image): the decode smooths their blocks, reading the neighbours' DC
    /// values from the rows above and below, and the rows read give the same samples and flag.
    /// </summary>
    [Theory]
    [MemberData(nameof(ShortProgressions))]
    public void A_short_or_cut_progression_reads_by_rows_as_it_decodes_smoothed_and_flagged(string name)
    {
        byte[] jpeg = File.ReadAllBytes(RepoPaths.TestData("jpeg-smoothing", name));
        using DecodedImage decoded = ImageDecoder.Decode(jpeg);
        Assert.True(decoded.IsProgressionIncomplete);
        ImageRows rows = ImageRows.TryOpen(jpeg) ?? throw new InvalidOperationException("not offered");

        JpegRowsTests.AssertRowsAsDecoded(rows, decoded, [1, 3, 16, rows.Height]);
    }

    [Theory]
    [InlineData("photo-progressive.jpg")]
    [InlineData("photo-progressive-444.jpg")]
    [InlineData("photo-progressive-gray.jpg")]
    [InlineData("photo-progressive-restart.jpg")]
    [InlineData("photo-progressive-sa.jpg")]
    [InlineData("grad-333x77-progressive.jpg")]
    [InlineData("grad-333x77-gray-2x2-progressive.jpg")]
    [InlineData("noise-7x13-progressive-444.jpg")]
    [InlineData("truncated-progressive.jpg")]
    [InlineData("photo-sequential-noninterleaved.jpg")]
    [InlineData("photo-sequential-two-scans.jpg")]
    public void A_multi_scan_file_spills_its_coefficients_on_the_first_band_and_the_file_is_gone_once_the_read_is_disposed(string name)
    {
        byte[] jpeg = JpegCorpus.Read(name);
        using DecodedImage decoded = ImageDecoder.Decode(jpeg);
        var reader = Assert.IsType<JpegSpilledRows>(OpenPlanned(jpeg));
        string? path;
        using (reader)
        {
            Assert.Null(reader.SpillPath);
            byte[] all = new byte[reader.Stride * reader.Height];
            Assert.Equal(1, reader.ReadRows(all.AsSpan(0, reader.Stride)));
            path = reader.SpillPath;
            Assert.NotNull(path);
            Assert.Equal(CoefficientBytes(jpeg), reader.SpilledBytes);
            // Unix: unlinked at once (the open handle keeps it), so a killed process leaves nothing; Windows: until disposed.
            Assert.Equal(OperatingSystem.IsWindows(), File.Exists(path));
            Assert.Equal(reader.Height - 1, reader.ReadRows(all.AsSpan(reader.Stride)));
            Assert.Equal(decoded.Image.Pixels.ToArray(), all);
            Assert.Equal(decoded.IsTruncated, reader.IsTruncated);
        }

        Assert.False(File.Exists(path));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(6)]
    public void A_progressive_file_with_an_orientation_reads_upright_as_it_decodes(int orientation)
    {
        byte[] jpeg = ExifOrientationFiles.WithJpegOrientation(JpegCorpus.Read("grad-333x77-progressive.jpg"), orientation);
        using DecodedImage decoded = ImageDecoder.Decode(jpeg, DecodeOptions.Upright);
        ImageRows rows = ImageRows.TryOpen(jpeg, DecodeOptions.Upright)!;

        Assert.Equal((decoded.Image.Width, decoded.Image.Height), (rows.Width, rows.Height));
        JpegRowsTests.AssertRowsAsDecoded(rows, decoded, [1, 7, rows.Height]);
    }

    [Fact]
    public void A_corrupt_segment_after_the_last_scan_fails_the_first_band_as_the_decode_fails_and_leaves_no_file()
    {
        // A second frame header after the image data: the decode walks on past the scans and refuses it.
        byte[] jpeg = JpegCorpus.Read("noise-64x48-progressive.jpg");
        int frameAt = JpegRowsTests.FindMarker(jpeg, 0xC2);
        int frameLength = (jpeg[frameAt + 2] << 8) | jpeg[frameAt + 3];
        byte[] damaged = [.. jpeg.AsSpan(0, jpeg.Length - 2), .. jpeg.AsSpan(frameAt, frameLength + 2), 0xFF, 0xD9];
        var expected = Assert.Throws<InvalidImageException>(() => ImageDecoder.Decode(damaged));
        using var reader = (JpegSpilledRows)OpenPlanned(damaged);

        var error = Assert.Throws<InvalidImageException>(() => reader.ReadRows(new byte[reader.Stride]));

        Assert.Equal((expected.Reason, expected.Message), (error.Reason, error.Message));
        Assert.Equal(0, reader.RowsRead);
        Assert.Null(reader.SpillPath);
    }

    [Fact]
    public void A_damaged_scan_fails_as_the_decode_fails_or_reads_as_it_decodes()
    {
        // Bytes of the entropy data set to values that make bad codes, markers and restarts: whatever the decode does.
        byte[] jpeg = JpegCorpus.Read("photo-progressive-restart.jpg");
        int failed = 0;
        for (int at = jpeg.Length / 10; at < jpeg.Length - 2; at += jpeg.Length / 10)
        {
            foreach (byte value in new byte[] { 0xFF, 0x00, 0xD3 })
            {
                byte[] damaged = (byte[])jpeg.Clone();
                damaged[at] = value;
                damaged[at + 1] = value == 0xFF ? (byte)0xD5 : value;
                DecodedImage decoded;
                try
                {
                    decoded = ImageDecoder.Decode(damaged);
                }
                catch (InvalidImageException expected)
                {
                    var error = Assert.Throws<InvalidImageException>(() => ImageRows.TryOpen(damaged)?.Stream(new JpegRowsTests.Discard()));
                    Assert.Equal((expected.Reason, expected.Message), (error.Reason, error.Message));
                    failed++;
                    continue;
                }

                using (decoded)
                {
                    JpegRowsTests.AssertRowsAsDecoded(ImageRows.TryOpen(damaged)!, decoded, [5]);
                }
            }
        }

        output.WriteLine($"{failed} damaged copies refused, the rest read as decoded");
    }

    [Fact]
    public void A_6000_by_4000_progressive_file_read_by_rows_holds_under_2_MB_from_the_pools_and_gives_the_decodes_rows()
    {
        const int width = 6000, height = 4000;
        byte[] jpeg = File.ReadAllBytes(RepoPaths.TestData("jpeg-large", "gradient-6000x4000-progressive.jpg"));
        using (ImageRows warm = ImageRows.TryOpen(jpeg) ?? throw new InvalidOperationException("not offered"))
        {
            Assert.Equal((width, height, true, "4:2:0"), (warm.Width, warm.Height, warm.Info.Progressive, warm.Info.ChromaSubsampling));
            warm.Stream(new JpegRowsTests.Discard()); // The pools' first rents of these sizes allocate; the reads measured reuse them.
        }

        long allocated = JpegRowsTests.AllocatedByOneRead(() => ImageRows.TryOpen(jpeg)!);
        using ImageRows rows = ImageRows.TryOpen(jpeg)!; // Its first read spills the coefficients and keeps the rows.
        using var pools = new PooledMemory();
        int bytePool = pools.PoolOf<byte>(), shortPool = pools.PoolOf<short>();
        var sum = new JpegRowsTests.RowSum();
        pools.Start(thisThreadOnly: true);
        Assert.True(rows.Stream(sum));

        long heldBytes = pools.PeakOf(bytePool), heldShorts = pools.PeakOf(shortPool), held = heldBytes + (2 * heldShorts);
        long spilled = CoefficientBytes(jpeg);
        output.WriteLine($"{width} x {height} 4:2:0 progressive JPEG of {jpeg.Length:N0} bytes read by rows: held at most {held:N0} bytes " +
            $"from the pools ({heldBytes:N0} bytes, {heldShorts:N0} shorts); {allocated:N0} bytes allocated; {spilled:N0} bytes of " +
            $"coefficients in the temporary file; the whole decode holds {(long)width * height * 15 / 2:N0}");
        Assert.InRange(held, 1, MaxHeldBytes);
        Assert.Equal(0, heldShorts); // No coefficient comes from the pools: they are all in the file.
        Assert.InRange(allocated, 0, 200_000); // Headers, scan state, smoothing's tables, the mapping's objects.
        using DecodedImage decoded = ImageDecoder.Decode(jpeg);
        var expected = new JpegRowsTests.RowSum();
        for (int y = 0; y < height; y++)
        {
            expected.Accept(y, decoded.Image.GetRow(y));
        }

        Assert.Equal(expected.Value, sum.Value);
        // Not asserted (the machine may be busy): what the spill costs beside the whole decode, on every core.
        double first = OrientedRowsTests.BestMilliseconds(() =>
        {
            using ImageRows fresh = ImageRows.TryOpen(jpeg)!;
            fresh.Stream(new JpegRowsTests.Discard());
        });
        output.WriteLine($"best of three: a first read by rows {first:F0} ms, a later read of its kept rows " +
            $"{OrientedRowsTests.BestMilliseconds(() => rows.Stream(new JpegRowsTests.Discard())):F0} ms, " +
            $"the whole decode on {Environment.ProcessorCount} cores {OrientedRowsTests.BestMilliseconds(() => ImageDecoder.Decode(jpeg).Dispose()):F0} ms");
    }

    /// <summary>The whole decode's coefficient buffer for <paramref name="jpeg"/>, in bytes: what the read spills.</summary>
    private static long CoefficientBytes(byte[] jpeg)
    {
        var walker = new SegmentWalker(ImageLimits.Default);
        Assert.NotNull(walker.NextScan(jpeg, started: false));
        return walker.Headers.Frame!.CoefficientCount * 2;
    }

    /// <summary>The codec's own read, not the one <see cref="ImageRows"/> wraps to keep its rows.</summary>
    private static ImageRowReader OpenPlanned(byte[] jpeg) =>
        JpegRowStream.PlanFor(jpeg, DecodeOptions.Default.Limits, out _).Open(jpeg);
}
