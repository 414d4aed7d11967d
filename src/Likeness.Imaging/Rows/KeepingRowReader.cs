namespace Likeness.Imaging.Rows;

/// <summary>
/// The first read of an image whose reads are dear (each spills, or decodes every scan, before its first row): hands
/// out the rows of the read it wraps and writes them to a <see cref="SpillFile"/> as they go; once the last row is
/// read, the file goes to <paramref name="keep"/> as <see cref="SharedRows"/> for the reads after it. A read that
/// fails or stops early keeps nothing (its file is deleted), and the next read decodes again.
/// </summary>
internal sealed class KeepingRowReader(ImageRowReader read, Action<SharedRows?> keep)
    : ImageRowReader(read.Width, read.Height, read.Format)
{
    private SpillFile? _spill = SpillFile.Create();
    private bool _handedOver;

    private protected override void ReadBand(Span<byte> destination, int count)
    {
        int got = read.ReadRows(destination);
        if (got != count)
        {
            throw new InvalidOperationException($"The read gave {got} rows where {count} were asked.");
        }

        IsTruncated = read.IsTruncated;
        SpillFile spill = _spill ?? throw new ObjectDisposedException(nameof(KeepingRowReader));
        spill.Write(destination);
        if (RowsRead + count == Height)
        {
            _spill = null;
            _handedOver = true;
            keep(new SharedRows(spill, Stride, read.IsTruncated));
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _spill?.Dispose();
            _spill = null;
            read.Dispose();
            if (!_handedOver)
            {
                _handedOver = true;
                keep(null); // The next read may keep its rows instead.
            }
        }

        base.Dispose(disposing);
    }
}
