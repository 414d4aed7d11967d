using Likeness.Imaging.Rows;

namespace Likeness.Imaging.Codecs.Png;

/// <summary>
/// A non-interlaced PNG read a band of rows at a time: the inflater is asked for one filtered row at a time and the
/// row is unfiltered against the one before it (<see cref="PngRowReader"/>, as the whole-image decode does), so what
/// it holds is two filtered rows, the inflater's window and the input pinned where it lies (<see cref="PngInflation"/>).
/// Rows past the end of a cut-off file are zeros, as the decode fills them. An interlaced file's plan opens a
/// <see cref="PngInterlacedRowStream"/> instead.
/// </summary>
internal sealed class PngRowStream : ImageRowReader
{
    private readonly Plan _plan;
    private readonly PngInflation _inflation;
    private readonly PngRowReader _reader;

    private PngRowStream(ReadOnlyMemory<byte> data, Plan plan)
        : base(plan.Header.Width, plan.Header.Height, plan.Format)
    {
        _plan = plan;
        _inflation = new PngInflation(data, plan);
        _reader = _inflation.Reader;
        _reader.StartPass(plan.Header.Width);
    }

    /// <summary>
    /// Reads the chunks once (every check of the whole-image decode made first) for any number of row reads, of a
    /// non-interlaced file or an interlaced one.
    /// </summary>
    public static Plan MakePlan(ReadOnlySpan<byte> data, ImageLimits limits, out ImageInfo info)
    {
        PngChunkLayout layout = PngDecoder.Prepare(data, limits, out PixelFormat format, out long rowBytes);
        info = PngDecoder.ToInfo(layout);
        return new Plan(layout.Header, layout.Palette.ToArray(), layout.Transparency.ToArray(), layout.ImageData, layout.EndsEarly, format, rowBytes);
    }

    private protected override void ReadBand(Span<byte> destination, int count)
    {
        Span<byte> table = stackalloc byte[1024];
        var converter = new PngRowConverter(_plan.Header, _plan.Palette, _plan.Transparency, Format, table);
        for (int i = 0; i < count; i++)
        {
            Span<byte> target = destination.Slice(i * Stride, Stride);
            if (!IsTruncated && _reader.TryReadRow(out ReadOnlySpan<byte> row))
            {
                converter.Convert(row, Width, target, step: 1);
                continue;
            }

            if (_reader.RowsRead == 0)
            {
                throw PngRowReader.NoCompleteRow();
            }

            IsTruncated = true;
            target.Clear();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inflation.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>What a row read of one file needs from its chunks: the header, palette, transparency and where the image data lies.</summary>
    internal sealed record Plan(
        PngHeader Header, byte[] Palette, byte[] Transparency, List<(int Offset, int Length)> ImageData, bool EndsEarly, PixelFormat Format, long RowBytes)
        : IRowPlan
    {
        /// <summary>An interlaced read spills and inflates every pass before its first row: its rows are worth keeping.</summary>
        public bool IsDear => Header.Interlaced;

        /// <summary>Starts a read of <paramref name="data"/> (the bytes planned) from its first row.</summary>
        public ImageRowReader Open(ReadOnlyMemory<byte> data) =>
            Header.Interlaced ? new PngInterlacedRowStream(data, this) : new PngRowStream(data, this);
    }
}
