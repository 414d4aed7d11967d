using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Likeness.Imaging.Codecs.Jpeg.Encoding;

/// <summary>
/// Buffered output for the encoder: marker segments written as is, and entropy-coded bits packed MSB first with a
/// 0x00 stuffed after every 0xFF byte (ITU T.81 F.1.2.3). The buffer is rented and flushed to the stream in blocks.
/// </summary>
internal sealed class JpegWriter : IDisposable
{
    private const int BufferSize = 1 << 16;

    private readonly Stream _output;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
    private int _length;
    private ulong _accumulator;
    private int _bitCount;

    public JpegWriter(Stream output) => _output = output;

    /// <summary>Writes a marker (0xFF then <paramref name="code"/>).</summary>
    public void WriteMarker(byte code)
    {
        WriteByte(0xFF);
        WriteByte(code);
    }

    /// <summary>Writes a marker segment: the marker, the big-endian length (payload + 2), then the payload.</summary>
    public void WriteSegment(byte code, ReadOnlySpan<byte> payload)
    {
        WriteMarker(code);
        Span<byte> length = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)(payload.Length + 2));
        WriteBytes(length);
        WriteBytes(payload);
    }

    /// <summary>Appends the low <paramref name="length"/> (at most 24) bits of <paramref name="bits"/> to the entropy-coded data.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteBits(int bits, int length)
    {
        _accumulator = (_accumulator << length) | ((uint)bits & ((1u << length) - 1));
        _bitCount += length;
        while (_bitCount >= 8)
        {
            _bitCount -= 8;
            byte b = (byte)(_accumulator >> _bitCount);
            WriteByte(b);
            if (b == 0xFF)
            {
                WriteByte(0);
            }
        }
    }

    /// <summary>Pads the entropy-coded data to a byte boundary with one bits, as libjpeg does.</summary>
    public void AlignWithOnes()
    {
        if (_bitCount > 0)
        {
            WriteBits(0x7F, 8 - _bitCount);
        }
    }

    /// <summary>Writes everything buffered to the stream.</summary>
    public void Flush()
    {
        _output.Write(_buffer, 0, _length);
        _length = 0;
    }

    public void Dispose()
    {
        byte[]? buffer = Interlocked.Exchange(ref _buffer!, null);
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        foreach (byte b in bytes)
        {
            WriteByte(b);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void WriteByte(byte value)
    {
        if (_length == _buffer.Length)
        {
            Flush();
        }

        _buffer[_length++] = value;
    }
}
