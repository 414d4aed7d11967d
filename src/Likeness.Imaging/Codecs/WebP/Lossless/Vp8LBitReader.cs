namespace Likeness.Imaging.Codecs.WebP.Lossless;

/// <summary>Reads the VP8L bitstream least-significant bit first; reading past the end is refused.</summary>
internal ref struct Vp8LBitReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;
    private ulong _buffer;
    private int _count;

    public Vp8LBitReader(ReadOnlySpan<byte> data)
    {
        _data = data;
    }

    /// <summary>Goes on reading <paramref name="data"/> where a reader of the same data was <see cref="Save"/>d.</summary>
    public Vp8LBitReader(ReadOnlySpan<byte> data, State state)
    {
        _data = data;
        (_position, _buffer, _count) = state;
    }

    /// <summary>Where this reader stands, to go on later with a reader over the same data (a read by rows).</summary>
    public readonly State Save() => new(_position, _buffer, _count);

    /// <summary>Reads <paramref name="bits"/> (0 to 24) bits.</summary>
    public uint ReadBits(int bits)
    {
        if (_count < bits)
        {
            Fill();
            if (_count < bits)
            {
                throw InvalidImageException.Corrupt("The WebP lossless data ends early.");
            }
        }

        uint value = (uint)(_buffer & ((1UL << bits) - 1));
        _buffer >>= bits;
        _count -= bits;
        return value;
    }

    /// <summary>The next <paramref name="bits"/> (0 to 24) bits without consuming them; zeros past the end.</summary>
    public uint PeekBits(int bits)
    {
        if (_count < bits)
        {
            Fill();
        }

        return (uint)(_buffer & ((1UL << bits) - 1));
    }

    /// <summary>Consumes <paramref name="bits"/> bits already seen with <see cref="PeekBits"/>.</summary>
    public void Skip(int bits)
    {
        if (_count < bits)
        {
            throw InvalidImageException.Corrupt("The WebP lossless data ends early.");
        }

        _buffer >>= bits;
        _count -= bits;
    }

    private void Fill()
    {
        while (_count <= 56 && _position < _data.Length)
        {
            _buffer |= (ulong)_data[_position++] << _count;
            _count += 8;
        }
    }
}

/// <summary>A <see cref="Vp8LBitReader"/>'s place: the next byte, and the bits read ahead but not consumed.</summary>
internal readonly record struct State(int Position, ulong Buffer, int Count);
