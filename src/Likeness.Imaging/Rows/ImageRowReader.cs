namespace Likeness.Imaging.Rows;

/// <summary>
/// One top-to-bottom read of an image's rows, a band at a time, without the whole image in memory (see
/// <see cref="ImageRows.Open"/>). The rows are the bytes the whole-image decode gives; rows past the end of a truncated
/// file read as the decode fills them.
/// </summary>
public abstract class ImageRowReader : IDisposable
{
    private protected ImageRowReader(int width, int height, PixelFormat format)
    {
        Width = width;
        Height = height;
        Format = format;
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>The pixels' layout: RGB, or RGBA when the file has transparency.</summary>
    public PixelFormat Format { get; }

    /// <summary>Bytes per row.</summary>
    public int Stride => Width * Format.BytesPerPixel();

    /// <summary>Rows read so far.</summary>
    public int RowsRead { get; private set; }

    /// <summary>True once a row was missing from the file (the file ended before the image did).</summary>
    public bool IsTruncated { get; private protected set; }

    /// <summary>
    /// Reads the next rows into <paramref name="destination"/>: as many whole rows as fit, up to the image's last
    /// row; returns how many (0 at the end, or when not one row fits).
    /// </summary>
    /// <exception cref="InvalidImageException">The data is damaged, or no row at all is complete.</exception>
    public int ReadRows(Span<byte> destination)
    {
        int count = Math.Min(destination.Length / Stride, Height - RowsRead);
        if (count > 0)
        {
            ReadBand(destination[..(count * Stride)], count);
            RowsRead += count;
        }

        return count;
    }

    /// <summary>Releases what the read holds (buffers, the pinned input).</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Reads the next <paramref name="count"/> rows (all present or filled) into <paramref name="destination"/>.</summary>
    private protected abstract void ReadBand(Span<byte> destination, int count);

    /// <summary>Releases the read's resources.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }
}
