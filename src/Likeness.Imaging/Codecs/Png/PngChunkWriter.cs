using System.Buffers;
using System.Buffers.Binary;

namespace Likeness.Imaging.Codecs.Png;

/// <summary>
/// A write-only stream that cuts what is written to it into chunks of one type (IDAT) of up to 64 KiB, each
/// with its length and CRC; disposing it writes the last, partial chunk. Also writes single chunks.
/// </summary>
internal sealed class PngChunkWriter : ForwardOnlyStream
{
    private const int ChunkBytes = 1 << 16;

    private readonly Stream _output;
    private readonly byte[] _type;
    private byte[]? _buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
    private int _filled;

    public PngChunkWriter(Stream output, ReadOnlySpan<byte> type)
    {
        _output = output;
        _type = type.ToArray();
    }

    public override bool CanWrite => true;

    /// <summary>Writes one chunk: big-endian length, type, data, CRC-32 of type and data.</summary>
    public static void Write(Stream output, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> field = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(field, data.Length);
        output.Write(field);
        output.Write(type);
        output.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(field, Crc32.Append(Crc32.Compute(type), data));
        output.Write(field);
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        byte[] chunk = _buffer ?? throw new ObjectDisposedException(nameof(PngChunkWriter));
        while (!buffer.IsEmpty)
        {
            int count = Math.Min(buffer.Length, ChunkBytes - _filled);
            buffer[..count].CopyTo(chunk.AsSpan(_filled));
            _filled += count;
            buffer = buffer[count..];
            if (_filled == ChunkBytes)
            {
                Flush();
            }
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    /// <summary>Writes what is buffered as one chunk (nothing when empty).</summary>
    public override void Flush()
    {
        if (_buffer is not null && _filled > 0)
        {
            Write(_output, _type, _buffer.AsSpan(0, _filled));
            _filled = 0;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && _buffer is not null)
        {
            Flush();
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
        }

        base.Dispose(disposing);
    }
}
