using System.Buffers;
using Likeness.Imaging.Transforms;

namespace Likeness.Imaging.Rows;

/// <summary>
/// The upright rows of a file whose EXIF orientation is applied, without the image in memory: on the first read the
/// stored rows are read once, in order, into a <see cref="SpillFile"/>, then served through a read-only memory map. Flips map rows to rows; the turns that transpose read a band of
/// output rows as a tile, walking the stored rows once and copying the band's contiguous run of pixels from each, so
/// every page is touched once per band and not once per pixel. The process holds a band; the file's pages are the
/// page cache.
/// </summary>
internal sealed unsafe class OrientedRowReader : ImageRowReader
{
    /// <summary>Bytes of stored rows read per band while spilling (at least one row).</summary>
    private const int SpillBandBytes = 64 * 1024;

    /// <summary>Bytes of output rows a transposing read fills per walk over the stored rows (at least one row).</summary>
    private const int TileBytes = 512 * 1024;

    private readonly ImageRowReader _stored;
    private readonly PixelMap _map;
    private SpillFile? _spill;
    private byte* _pixels;
    private byte[]? _tile;
    private int _tileFirst;
    private int _tileRows;

    /// <summary>Reads <paramref name="stored"/> (which it owns from now on) turned by <paramref name="map"/>.</summary>
    public OrientedRowReader(ImageRowReader stored, PixelMap map)
        : base(map.OutputSize(stored.Width, stored.Height).Width, map.OutputSize(stored.Width, stored.Height).Height, stored.Format)
    {
        _stored = stored;
        _map = map;
    }

    /// <summary>The temporary file's path once the first band was read (null before; gone once disposed, at once on Unix).</summary>
    internal string? SpillPath => _spill?.Path;

    /// <summary>The temporary file's length (0 before the first band).</summary>
    internal long SpilledBytes => _spill?.Length ?? 0;

    private protected override void ReadBand(Span<byte> destination, int count)
    {
        if (_pixels is null)
        {
            Spill();
        }

        int first = RowsRead;
        if (_map.Transpose)
        {
            ReadTransposed(destination, first, count);
        }
        else
        {
            ReadFlipped(destination, first, count);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _pixels = null;
            _spill?.Dispose();
            if (_tile is not null)
            {
                ArrayPool<byte>.Shared.Return(_tile);
                _tile = null;
            }

            _stored.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Writes every stored row to the temporary file and maps it; the stored read's buffers go as soon as it ends.</summary>
    private void Spill()
    {
        int stride = _stored.Stride;
        _spill = SpillFile.Create();
        int bandRows = Math.Clamp(SpillBandBytes / stride, 1, _stored.Height);
        byte[] band = ArrayPool<byte>.Shared.Rent(bandRows * stride);
        try
        {
            while (_stored.ReadRows(band.AsSpan(0, bandRows * stride)) is var rows and > 0)
            {
                _spill.Write(band.AsSpan(0, rows * stride));
            }
        }
        catch
        {
            // A damaged file fails here as its decode fails; the half-written spill goes at once.
            _spill.Dispose();
            _spill = null;
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(band);
        }

        IsTruncated = _stored.IsTruncated;
        _stored.Dispose();
        _pixels = _spill.Map(writable: false);
    }

    /// <summary>Stored row <paramref name="y"/>.</summary>
    private ReadOnlySpan<byte> StoredRow(int y) => new(_pixels + ((long)y * _stored.Stride), _stored.Stride);

    /// <summary>Flips: output row y is stored row y or its mirror image, or the row as far from the bottom.</summary>
    private void ReadFlipped(Span<byte> destination, int first, int count)
    {
        int stride = Stride, bpp = Format.BytesPerPixel(), width = Width;
        for (int i = 0; i < count; i++)
        {
            int y = first + i;
            ReadOnlySpan<byte> source = StoredRow(_map.FlipY ? Height - 1 - y : y);
            Span<byte> row = destination.Slice(i * stride, stride);
            if (!_map.FlipX)
            {
                source.CopyTo(row);
                continue;
            }

            for (int x = 0; x < width; x++)
            {
                PixelCopy.One(source, (width - 1 - x) * bpp, row, x * bpp, bpp);
            }
        }
    }

    /// <summary>
    /// Turns that transpose, through a tile of output rows at least <see cref="TileBytes"/> large whatever the caller's
    /// band: each tile walks every stored row once, so a tile of a few rows would walk them (and miss the cache on
    /// each) a few thousand times.
    /// </summary>
    private void ReadTransposed(Span<byte> destination, int first, int count)
    {
        int stride = Stride;
        for (int i = 0; i < count; i++)
        {
            int y = first + i;
            if (_tile is null || y >= _tileFirst + _tileRows)
            {
                int tileRows = Math.Clamp(TileBytes / stride, 1, Height);
                _tile ??= ArrayPool<byte>.Shared.Rent(tileRows * stride);
                _tileFirst = y;
                _tileRows = Math.Min(tileRows, Height - y);
                FillTransposed(_tile.AsSpan(0, _tileRows * stride), y, _tileRows);
            }

            _tile.AsSpan((y - _tileFirst) * stride, stride).CopyTo(destination.Slice(i * stride, stride));
        }
    }

    /// <summary>
    /// Output rows first..first+count-1 of a turn that transposes: they are stored columns, a contiguous run of them (mirrored
    /// when the map flips x). Each stored row gives one pixel to each output row of the band, at the output column
    /// that row maps to.
    /// </summary>
    private void FillTransposed(Span<byte> destination, int first, int count)
    {
        int stride = Stride, bpp = Format.BytesPerPixel(), storedWidth = _stored.Width, storedHeight = _stored.Height;
        // Stored columns of output rows first.. are first.. (or storedWidth-1-first downwards when mirrored).
        int lowColumn = _map.FlipX ? storedWidth - first - count : first;
        for (int sy = 0; sy < storedHeight; sy++)
        {
            ReadOnlySpan<byte> run = StoredRow(sy).Slice(lowColumn * bpp, count * bpp);
            int x = _map.FlipY ? storedHeight - 1 - sy : sy;
            for (int c = 0; c < count; c++)
            {
                int i = _map.FlipX ? count - 1 - c : c; // The band row that stored column lowColumn + c lands in.
                PixelCopy.One(run, c * bpp, destination, (i * stride) + (x * bpp), bpp);
            }
        }
    }
}
