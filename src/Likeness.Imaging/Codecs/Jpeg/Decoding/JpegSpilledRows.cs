using Likeness.Imaging.Rows;

namespace Likeness.Imaging.Codecs.Jpeg.Decoding;

/// <summary>
/// A progressive JPEG, or a sequential one whose components come in separate scans, read by rows. Each scan refines
/// blocks anywhere in the image, so on the first band, as libjpeg's backing store does, every block's coefficients
/// go to a <see cref="SpillFile"/> (<see cref="JpegFrame.CoefficientCount"/> × 2 bytes, zero-filled and mapped
/// read-write, laid out as the whole decode's) and every scan is entropy-decoded into it by the whole decode's own
/// scan loop (<see cref="JpegDecoder.DecodeScans"/>: the same progression, truncation, restart and error behaviour).
/// The rows then come an MCU row at a time from an <see cref="OutputStage.ForSpilledRows"/> window (dequantisation and
/// IDCT, with the decode's block smoothing where the progression is incomplete, upsampling, colour), so the process
/// holds windows of planes and rows and small state, not the coefficients: the file's pages are the page cache.
/// </summary>
internal sealed class JpegSpilledRows : JpegBandReader
{
    private readonly ReadOnlyMemory<byte> _data;
    private readonly SegmentWalker _walker;
    private readonly JpegFrame _frame;
    private readonly JpegScanHeader _first;
    private SpillFile? _spill;
    private int _mcuRows;

    /// <summary>A read of the scans from <paramref name="first"/>, whose header <paramref name="walker"/> has just read.</summary>
    internal JpegSpilledRows(ReadOnlyMemory<byte> data, SegmentWalker walker, JpegFrame frame, JpegScanHeader first)
        : base(frame)
    {
        _data = data;
        _walker = walker;
        _frame = frame;
        _first = first;
    }

    /// <summary>The temporary file's path once the first band was read (null before; gone once disposed, at once on Unix).</summary>
    internal string? SpillPath => _spill?.Path;

    /// <summary>The temporary file's length (0 before the first band).</summary>
    internal long SpilledBytes => _spill?.Length ?? 0;

    private protected override void NextMcuRow()
    {
        if (Output is null)
        {
            Spill();
        }

        Output!.Advance(++_mcuRows);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing); // The stage reads the mapping: it goes first.
        if (disposing)
        {
            _spill?.Dispose();
            _spill = null;
        }
    }

    /// <summary>Decodes every scan into the temporary file and opens the output window over it.</summary>
    private void Spill()
    {
        OutputStage.EnsureBuffersFit(_frame);
        _spill = SpillFile.Create();
        try
        {
            _spill.SetLength(_frame.CoefficientCount * sizeof(short));
            Memory<short> coefficients = _spill.MapAs<short>();
            JpegDecoder.ScanWalk walk = JpegDecoder.DecodeScans(_data.Span, _walker, _first, coefficients.Span, streamTo: null, threads: 1);
            IsTruncated = walk.Truncated;
            OutputStage output = OutputStage.ForSpilledRows(_frame, _walker.Headers.ColorType(_frame), coefficients);
            output.Smoothing = BlockSmoothing.For(_frame, walk.Progression);
            Output = output;
        }
        catch
        {
            // A damaged file fails here as its decode fails; the file goes at once.
            _spill.Dispose();
            _spill = null;
            throw;
        }
    }
}
