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
internal sealed class JpegRowStream : ImageRowReader
{
    private readonly ReadOnlyMemory<byte> _data;
    private readonly SegmentWalker _walker;
    private readonly JpegFrame _frame;
    private readonly JpegScanHeader _scan;
    private readonly OutputStage _output;
    private BitReader.Saved _bits;
    private ScanDecoder.Progress _progress;
    private bool _disposed;

    private JpegRowStream(ReadOnlyMemory<byte> data, SegmentWalker walker, JpegFrame frame, JpegScanHeader scan)
        : base(frame.Width, frame.Height, PixelFormat.Rgb24)
    {
        _data = data;
        _walker = walker;
        _frame = frame;
        _scan = scan;
        _output = OutputStage.ForRows(frame, walker.Headers.ColorType(frame));
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
    /// Reads the headers (every check of the whole-image decode up to the first scan) for any number of row reads;
    /// null unless the first scan is the whole image: a progressive file, or a sequential one whose components come
    /// in separate scans, needs every block of a component before the next one's arrive.
    /// </summary>
    public static Plan? TryPlan(ReadOnlySpan<byte> data, ImageLimits limits, out ImageInfo info)
    {
        var walker = new SegmentWalker(limits);
        JpegScanHeader scan = walker.NextScan(data, started: false) ?? throw walker.NoImageData();
        JpegFrame frame = walker.Headers.Frame!;
        info = JpegDecoder.ToInfo(walker.Headers, frame);
        walker.LatchQuantTables(scan);
        return JpegDecoder.IsSingleScan(frame, scan) ? new Plan(limits) : null;
    }

    private protected override void ReadBand(Span<byte> destination, int count)
    {
        int y = RowsRead;
        int done = 0;
        while (done < count)
        {
            int written = _output.RowsWritten - (y + done);
            if (written <= 0)
            {
                DecodeRow();
                continue;
            }

            int rows = Math.Min(written, count - done);
            _output.WrittenRows(y + done, rows).CopyTo(destination[(done * Stride)..]);
            done += rows;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _output.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Decodes and outputs the next MCU row; after the last, walks the rest of the file as the decode does.</summary>
    private void DecodeRow()
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

    /// <summary>A single-scan JPEG's plan: the headers are read again by each read (they hold its decoding state).</summary>
    internal sealed record Plan(ImageLimits Limits) : IRowPlan
    {
        public PixelFormat Format => PixelFormat.Rgb24;

        public ImageRowReader Open(ReadOnlyMemory<byte> data)
        {
            var walker = new SegmentWalker(Limits);
            JpegScanHeader scan = walker.NextScan(data.Span, started: false) ?? throw walker.NoImageData();
            walker.LatchQuantTables(scan);
            return new JpegRowStream(data, walker, walker.Headers.Frame!, scan);
        }
    }
}
