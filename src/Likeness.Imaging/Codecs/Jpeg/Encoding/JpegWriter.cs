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

    /// <summary>Appends the low <paramref name="length"/> (at most 32) bits of <paramref name="bits"/> to the entropy-coded data.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteBits(int bits, int length)
    {
        // Fewer than 32 bits are ever pending, so 64 bits hold them plus the new ones.
        _accumulator = (_accumulator << length) | ((uint)bits & (uint)((1L << length) - 1));
        _bitCount += length;
        if (_bitCount >= 32)
        {
            _bitCount -= 32;
            EmitWord((uint)(_accumulator >> _bitCount));
        }
    }

    /// <summary>Writes out the pending bits, padding the last byte with one bits as libjpeg does.</summary>
    public void AlignWithOnes()
    {
        int pad = (8 - (_bitCount & 7)) & 7;
        _accumulator = (_accumulator << pad) | ((1u << pad) - 1);
        _bitCount += pad;
        while (_bitCount > 0)
        {
            _bitCount -= 8;
            EmitByte((byte)(_accumulator >> _bitCount));
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
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }

    /// <summary>Writes 4 entropy-coded bytes, stuffing a zero after each 0xFF.</summary>
    private void EmitWord(uint word)
    {
        // A byte of word is 0xFF exactly when that byte of ~word is zero (the classic has-zero-byte test).
        uint inverted = ~word;
        bool anyFF = ((inverted - 0x01010101u) & ~inverted & 0x80808080u) != 0;
        if (!anyFF && _length + 4 <= _buffer.Length)
        {
            BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(_length), word);
            _length += 4;
            return;
        }

        EmitByte((byte)(word >> 24));
        EmitByte((byte)(word >> 16));
        EmitByte((byte)(word >> 8));
        EmitByte((byte)word);
    }

    private void EmitByte(byte value)
    {
        WriteByte(value);
        if (value == 0xFF)
        {
            WriteByte(0);
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
