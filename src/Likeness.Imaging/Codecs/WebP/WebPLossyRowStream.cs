using System.Runtime.InteropServices;
using Likeness.Imaging.Codecs.WebP.Lossy;
using Likeness.Imaging.Rows;

namespace Likeness.Imaging.Codecs.WebP;

/// <summary>
/// A lossy WebP (VP8) read a band of rows at a time: the whole decode's <see cref="Vp8Decoder"/> decodes one
/// macroblock row per step into a <see cref="Vp8Planes.Window"/> (that row and the eight luma rows above it, which
/// the loop filter and fancy upsampling still need), and the rows that are final are converted to RGB by the
/// decode's <see cref="Vp8YuvToRgb"/> before the window slides on. So a read holds ~36 bytes per pixel of width (a
/// 4,000-wide image: ~150 KB), not 4.5 bytes per pixel of the image. The rows are the decode's; where the decode
/// fails (a cut or damaged bitstream), the read fails with its error after the rows of the macroblock rows before.
/// </summary>
internal sealed class WebPLossyRowStream : ImageRowReader
{
    private readonly Vp8Decoder _decoder;
    private readonly Vp8Planes _planes;
    private readonly int _step;
    private int _mbY = -1;
    private int _ready;
    private bool _disposed;

    private WebPLossyRowStream(ReadOnlyMemory<byte> data, WebPHeader header, PixelFormat format)
        : base(header.Width, header.Height, format)
    {
        _step = format.BytesPerPixel();

        // The bool decoder reads arrays: an array-backed input is read where it lies; any other is copied (the VP8
        // payload only, which is the compressed size).
        ReadOnlyMemory<byte> payload = data.Slice(header.BitstreamOffset, header.BitstreamLength);
        if (!MemoryMarshal.TryGetArray(payload, out ArraySegment<byte> bitstream))
        {
            bitstream = new ArraySegment<byte>(payload.ToArray());
        }

        _decoder = Vp8Decoder.Start(bitstream.Array!, bitstream.Offset, bitstream.Count, header.Width, header.Height, SimdLevels.BestX86);
        _planes = Vp8Planes.Window(header.Width, header.Height);
    }

    /// <summary>
    /// Reads the container (every check of the whole-image decode before the bitstream made first) for any number of
    /// row reads; null for an animated or lossless file, and for a lossy one with an ALPH chunk.
    /// </summary>
    public static Plan? TryPlan(ReadOnlySpan<byte> data, ImageLimits limits, out ImageInfo info)
    {
        WebPHeader header = WebPContainer.Parse(data);
        info = WebPDecoder.Info(header);
        if (header.Animated || header.Lossless || header.Alpha is not null)
        {
            return null;
        }

        WebPDecoder.EnsureLossyWithin(header, limits);
        return new Plan(header);
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
                _decoder.DecodeRow(_planes, ++_mbY);
                _ready = _planes.ReadyRows(_mbY);
                continue;
            }

            int rows = Math.Min(_ready - y, count - done);
            Vp8YuvToRgb.ConvertRows(_planes, y, rows, destination.Slice(done * Stride, rows * Stride), _step, SimdLevels.BestX86);
            done += rows;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _planes.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>A lossy WebP's plan: the container's facts; each read starts the bitstream anew.</summary>
    internal sealed record Plan(WebPHeader Header) : IRowPlan
    {
        public PixelFormat Format => Header.HasAlpha ? PixelFormat.Rgba32 : PixelFormat.Rgb24;

        public ImageRowReader Open(ReadOnlyMemory<byte> data) => new WebPLossyRowStream(data, Header, Format);
    }
}
