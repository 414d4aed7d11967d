using System.Buffers;
using System.IO.Compression;

namespace Likeness.Imaging.Codecs.Png;

/// <summary>
/// What a read by rows of one PNG holds while it inflates (<see cref="PngRowStream"/>, <see cref="PngInterlacedRowStream"/>):
/// the input pinned where it lies (a mapped file stays mapped, not copied), its IDAT bodies as one stream, the inflater
/// and the two filtered rows of the <see cref="PngRowReader"/>, sized for a whole-width row.
/// </summary>
internal sealed unsafe class PngInflation : IDisposable
{
    private readonly ImageDataStream _compressed;
    private readonly ZLibStream _inflater;
    private readonly byte[] _rows;
    private MemoryHandle _pin;
    private bool _disposed;

    /// <summary>Starts inflating the image data of <paramref name="data"/> (the bytes <paramref name="plan"/> read).</summary>
    public PngInflation(ReadOnlyMemory<byte> data, PngRowStream.Plan plan)
    {
        _pin = data.Pin();
        _compressed = new ImageDataStream((byte*)_pin.Pointer, plan.ImageData);
        _inflater = new ZLibStream(_compressed, CompressionMode.Decompress);
        _rows = ArrayPool<byte>.Shared.Rent(2 * ((int)plan.RowBytes + 1));
        Reader = new PngRowReader(_inflater, plan.EndsEarly, _rows, plan.Header);
    }

    /// <summary>Reads and unfilters the rows, as the whole-image decode does.</summary>
    public PngRowReader Reader { get; }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _inflater.Dispose();
        _compressed.Dispose();
        _pin.Dispose();
        ArrayPool<byte>.Shared.Return(_rows);
    }
}
