namespace Likeness.Imaging.Rows;

/// <summary>A read of rows an earlier read kept (<see cref="SharedRows"/>): copies, no decoding.</summary>
internal sealed class SpilledRowReader : ImageRowReader
{
    private SharedRows? _rows;

    public SpilledRowReader(SharedRows rows, int width, int height, PixelFormat format)
        : base(width, height, format)
    {
        _rows = rows.Acquire();
    }

    private protected override void ReadBand(Span<byte> destination, int count)
    {
        SharedRows rows = _rows ?? throw new ObjectDisposedException(nameof(SpilledRowReader));
        rows.Rows(RowsRead, count).CopyTo(destination);
        // The first read learnt the file was cut short where the decode fills rows; this one says so at the end.
        IsTruncated = rows.IsTruncated && RowsRead + count == Height;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _rows?.Release();
            _rows = null;
        }

        base.Dispose(disposing);
    }
}
