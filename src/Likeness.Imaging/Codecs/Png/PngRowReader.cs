namespace Likeness.Imaging.Codecs.Png;

/// <summary>
/// Inflates one filtered row at a time into two alternating buffers and unfilters it: the whole-image decode and the
/// row stream (<see cref="PngRowStream"/>) read rows the same way, so they give the same bytes and the same errors.
/// </summary>
internal sealed class PngRowReader
{
    private readonly Stream _inflater;
    private readonly bool _endsEarly;
    private readonly byte[] _buffer;
    private readonly PngHeader _header;
    private int _rowBytes;
    private bool _currentIsSecond;

    public PngRowReader(Stream inflater, bool endsEarly, byte[] buffer, PngHeader header)
    {
        _inflater = inflater;
        _endsEarly = endsEarly;
        _buffer = buffer;
        _header = header;
    }

    public int RowsRead { get; private set; }

    /// <summary>What a file whose data runs out before its first whole row is.</summary>
    public static InvalidImageException NoCompleteRow() =>
        InvalidImageException.Truncated("The PNG file ends before the first row of pixels is complete.");

    /// <summary>Begins a pass (or the whole image) whose rows are <paramref name="width"/> pixels: the row above the first is zeros.</summary>
    public void StartPass(int width)
    {
        _rowBytes = (int)_header.RowBytes(width);
        _buffer.AsSpan(0, 2 * (_rowBytes + 1)).Clear();
    }

    /// <summary>Reads and unfilters the next row; false when the compressed data runs out first.</summary>
    public bool TryReadRow(out ReadOnlySpan<byte> row)
    {
        int length = _rowBytes + 1;
        Span<byte> current = _buffer.AsSpan(_currentIsSecond ? length : 0, length);
        Span<byte> previous = _buffer.AsSpan(_currentIsSecond ? 0 : length, length);
        row = default;
        int read;
        try
        {
            read = _inflater.ReadAtLeast(current, length, throwOnEndOfStream: false);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            // zlib reports bad data as InvalidDataException, some of its error codes as ZLibException (an IOException).
            if (_endsEarly)
            {
                return false; // a cut-off deflate stream: keep the rows already read
            }

            throw new InvalidImageException(InvalidImageReason.Corrupt, "The PNG image data does not decompress: the file is damaged.", e);
        }

        if (read < length)
        {
            return false;
        }

        PngUnfilter.Apply(current[0], current[1..], previous[1..], _header.FilterStride);
        _currentIsSecond = !_currentIsSecond;
        RowsRead++;
        row = current[1..];
        return true;
    }
}
