using Likeness.Imaging.Codecs.WebP.Lossless;
using Likeness.Imaging.Rows;

namespace Likeness.Imaging.Codecs.WebP;

/// <summary>
/// A lossless WebP (VP8L) read a band of rows at a time by the whole decode's <see cref="Vp8LRows"/>: each row's
/// pixels are entropy-decoded into a ring that holds as far back as a back-reference reaches (~1M pixels, ~4 MB),
/// and the transforms are undone on the row. So a read holds the ring, the transforms' sub-images and a row or two,
/// not the 12 to 16 bytes per pixel of the whole decode. The rows are the decode's; where the decode fails, the read
/// fails with its error after the rows before.
/// </summary>
internal sealed class WebPLosslessRowStream : ImageRowReader
{
    private readonly ReadOnlyMemory<byte> _payload;
    private readonly Vp8LRows _rows;
    private readonly uint[] _argb;

    private WebPLosslessRowStream(ReadOnlyMemory<byte> data, Plan plan)
        : base(plan.Header.Width, plan.Header.Height, plan.Format)
    {
        _payload = data.Slice(plan.Header.BitstreamOffset, plan.Header.BitstreamLength);
        _rows = Vp8LDecoder.Start(_payload.Span, Width, Height, plan.Budget);
        _argb = new uint[Width];
    }

    private protected override void ReadBand(Span<byte> destination, int count)
    {
        int step = Format.BytesPerPixel();
        for (int i = 0; i < count; i++)
        {
            _rows.ReadRow(_payload.Span, _argb);
            WebPDecoder.ToBytes(_argb, destination.Slice(i * Stride, Stride), step);
        }
    }

    /// <summary>A lossless WebP's plan: the container's facts and the decoder's budget; each read starts anew.</summary>
    internal sealed record Plan(WebPHeader Header, long Budget) : IRowPlan
    {
        public PixelFormat Format => WebPDecoder.Format(Header);

        /// <summary>
        /// A lossless read is the slowest per pixel and allocates its ~4 MB ring each time: its rows are worth keeping
        /// (`likeness bench rows` times a read against the copy of kept rows).
        /// </summary>
        public bool IsDear => true;

        public ImageRowReader Open(ReadOnlyMemory<byte> data) => new WebPLosslessRowStream(data, this);
    }
}
