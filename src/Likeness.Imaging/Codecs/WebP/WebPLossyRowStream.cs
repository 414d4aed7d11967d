using System.Buffers;
using Likeness.Imaging.Codecs.WebP.Lossy;
using Likeness.Imaging.Rows;

namespace Likeness.Imaging.Codecs.WebP;

/// <summary>
/// A lossy WebP (VP8, with or without an ALPH plane) read a band of rows at a time: the whole decode's
/// <see cref="Vp8Decoder"/> decodes one macroblock row per step into a <see cref="Vp8Planes.Window"/> (that row and
/// the eight luma rows above it, which the loop filter and fancy upsampling still need), and the rows that are final
/// are converted by the decode's <see cref="Vp8YuvToRgb"/> before the window slides on; the alpha plane comes a row at
/// a time alongside (<see cref="WebPAlpha"/>: a lossless image stream, or raw). So a read holds ~36 bytes per pixel of
/// width (a 4,000-wide image: ~150 KB) and, with alpha, the lossless decoder's ring (~4 MB at most), not 4.5 to 14
/// bytes per pixel of the image. The rows are the decode's; where the decode fails, the read fails with its error
/// after the rows before, and as the decode reads the alpha plane first, a damaged bitstream reads the rest of the
/// alpha before failing so that the alpha's own error, if any, comes first.
/// </summary>
internal sealed unsafe class WebPLossyRowStream : ImageRowReader
{
    private readonly ReadOnlyMemory<byte> _alphaChunk;
    private readonly WebPAlpha? _alpha;
    private readonly Vp8Decoder _decoder;
    private readonly Vp8Planes _planes;
    private MemoryHandle _pin;
    private readonly int _step;
    private int _alphaRows;
    private int _mbY = -1;
    private int _ready;
    private bool _disposed;

    private WebPLossyRowStream(ReadOnlyMemory<byte> data, Plan plan)
        : base(plan.Header.Width, plan.Header.Height, plan.Format)
    {
        WebPHeader header = plan.Header;
        _step = plan.Format.BytesPerPixel();
        if (header.Alpha is RiffChunk alph)
        {
            _alphaChunk = data.Slice(alph.Offset, alph.Length);
            _alpha = WebPAlpha.Start(_alphaChunk.Span, Width, Height, plan.AlphaBudget);
        }

        // The bitstream is read where it lies (a memory-mapped upload stays mapped, not copied), pinned for the read.
        _pin = data.Slice(header.BitstreamOffset, header.BitstreamLength).Pin();
        try
        {
            _decoder = Vp8Decoder.Start((byte*)_pin.Pointer, header.BitstreamLength, Width, Height, SimdLevels.BestX86);
        }
        catch (InvalidImageException)
        {
            _pin.Dispose();
            ReadRestOfAlpha();
            throw;
        }
        catch
        {
            _pin.Dispose();
            throw;
        }

        _planes = Vp8Planes.Window(Width, Height);
    }

    private protected override void ReadBand(Span<byte> destination, int count)
    {
        int done = 0;
        while (done < count)
        {
            int y = RowsRead + done;
            if (y >= _ready)
            {
                // The window slides on only once every row it made final has been converted.
                DecodeRow();
                continue;
            }

            int rows = Math.Min(_ready - y, count - done);
            Span<byte> band = destination.Slice(done * Stride, rows * Stride);
            Vp8YuvToRgb.ConvertRows(_planes, y, rows, band, _step, SimdLevels.BestX86);
            for (int i = 0; _alpha is not null && i < rows; i++, _alphaRows++)
            {
                WebPDecoder.PutAlpha(_alpha.ReadRow(_alphaChunk.Span), band.Slice(i * Stride, Stride));
            }

            done += rows;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _planes.Dispose();
            _pin.Dispose();
        }

        base.Dispose(disposing);
    }

    private void DecodeRow()
    {
        try
        {
            _decoder.DecodeRow(_planes, ++_mbY);
        }
        catch (InvalidImageException)
        {
            ReadRestOfAlpha();
            throw;
        }

        _ready = _planes.ReadyRows(_mbY);
    }

    /// <summary>The whole decode reads the alpha plane before the bitstream: the alpha's error, if any, comes first.</summary>
    private void ReadRestOfAlpha()
    {
        for (; _alpha is not null && _alphaRows < Height; _alphaRows++)
        {
            _alpha.ReadRow(_alphaChunk.Span);
        }
    }

    /// <summary>A lossy WebP's plan: the container's facts and the alpha decoder's budget; each read starts anew.</summary>
    internal sealed record Plan(WebPHeader Header, long AlphaBudget) : IRowPlan
    {
        public PixelFormat Format => WebPDecoder.Format(Header);

        public ImageRowReader Open(ReadOnlyMemory<byte> data) => new WebPLossyRowStream(data, this);
    }
}
