using Likeness.Imaging.Rows;

namespace Likeness.Imaging.Codecs.Jpeg.Decoding;

/// <summary>
/// A single-scan sequential JPEG (baseline or extended) read a band of rows at a time: the scan is entropy-decoded one
/// MCU row per step by the whole decode's <see cref="ScanDecoder"/>, kept between steps, and the decode's
/// <see cref="OutputStage"/> turns that row into pixels over windows (<see cref="OutputStage.ForRows"/>), so the read
/// holds one MCU row of coefficients, its plane rows plus upsampling context and its output rows, not the image.
/// The rows are the decode's, truncated and damaged files included; after the last row the rest of the file is
/// walked as the decode walks it, so the truncation flag and any error are the decode's too.
/// </summary>
internal sealed class JpegRowStream : JpegBandReader
{
    private readonly ReadOnlyMemory<byte> _data;
    private readonly SegmentWalker _walker;
    private readonly JpegFrame _frame;
    private readonly JpegScanHeader _scan;
    private readonly OutputStage _output;
    private BitReader.Saved _bits;
    private ScanDecoder.Progress _progress;

    private JpegRowStream(ReadOnlyMemory<byte> data, SegmentWalker walker, JpegFrame frame, JpegScanHeader scan)
        : base(frame)
    {
        _data = data;
        _walker = walker;
        _frame = frame;
        _scan = scan;
        _output = OutputStage.ForRows(frame, walker.Headers.ColorType(frame));
        Output = _output;
        try
        {
            ScanDecoder decoder = Decoder(new BitReader(data.Span, walker.Position));
            decoder.Start();
            Keep(decoder);
        }
        catch
        {
            _output.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reads the headers (every check of the whole-image decode up to the first scan) for any number of row reads:
    /// read one MCU row at a time as here when the first scan is the whole image, else through
    /// <see cref="JpegSpilledRows"/> (a progressive file, or a sequential one whose components come in separate scans,
    /// refines blocks anywhere in the image until its last scan).
    /// </summary>
    public static Plan PlanFor(ReadOnlySpan<byte> data, ImageLimits limits, out ImageInfo info)
    {
        var walker = new SegmentWalker(limits);
        JpegScanHeader scan = walker.NextScan(data, started: false) ?? throw walker.NoImageData();
        JpegFrame frame = walker.Headers.Frame!;
        info = JpegDecoder.ToInfo(walker.Headers, frame);
        walker.LatchQuantTables(scan);
        return new Plan(limits, SpillCoefficients: !JpegDecoder.IsSingleScan(frame, scan));
    }

    /// <summary>Decodes and outputs the next MCU row; after the last, walks the rest of the file as the decode does.</summary>
    private protected override void NextMcuRow()
    {
        ReadOnlySpan<byte> data = _data.Span;
        ScanDecoder decoder = Decoder(new BitReader(data, _bits));
        decoder.Resume(_progress);
        decoder.DecodeRows(1, rowDone: null);
        Keep(decoder);
        IsTruncated |= _bits.HitEnd;
        _output.Advance(decoder.RowsDone);
        if (decoder.RowsDone < decoder.Rows)
        {
            return;
        }

        BitReader reader = decoder.Reader;
        _walker.Pending = reader.FinishScan();
        _walker.Position = reader.Position;
        if (reader.HitEnd)
        {
            IsTruncated = true;
            return;
        }

        while (_walker.NextScan(data, started: true) is not null)
        {
            // Later scans of a single-scan image change nothing, but their headers are checked as in the decode.
        }

        IsTruncated |= _walker.Truncated;
    }

    private ScanDecoder Decoder(BitReader reader)
    {
        JpegHeaders headers = _walker.Headers;
        return new ScanDecoder(
            reader, _frame, _scan, headers.DcTables, headers.AcTables, _output.Coefficients, headers.RestartInterval, oneRowHeld: true);
    }

    private void Keep(in ScanDecoder decoder)
    {
        _bits = decoder.Reader.Save();
        _progress = decoder.Suspend();
    }

    /// <summary>
    /// A JPEG's plan: the headers are read again by each read (they hold its decoding state), which streams a
    /// single-scan file or, with <paramref name="SpillCoefficients"/>, spills the coefficients of the others.
    /// </summary>
    internal sealed record Plan(ImageLimits Limits, bool SpillCoefficients) : IRowPlan
    {
        public PixelFormat Format => PixelFormat.Rgb24;

        /// <summary>A spilling read decodes every scan before its first row: its rows are worth keeping.</summary>
        public bool IsDear => SpillCoefficients;

        public ImageRowReader Open(ReadOnlyMemory<byte> data)
        {
            var walker = new SegmentWalker(Limits);
            JpegScanHeader scan = walker.NextScan(data.Span, started: false) ?? throw walker.NoImageData();
            walker.LatchQuantTables(scan);
            JpegFrame frame = walker.Headers.Frame!;
            return SpillCoefficients
                ? new JpegSpilledRows(data, walker, frame, scan)
                : new JpegRowStream(data, walker, frame, scan);
        }
    }
}
