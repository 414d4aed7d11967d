using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Likeness.Imaging.Codecs.WebP.Lossy;

/// <summary>
/// The VP8 boolean entropy decoder (RFC 6386 section 7). It keeps up to 56 unread bits in a 64-bit window so it
/// refills once per seven bytes, and stores range − 1 so a split needs no extra add. Past the end of its data it
/// reads zeros once and sets <see cref="IsPastEnd"/>, as libwebp does, so a truncated partition is detected.
/// </summary>
internal unsafe struct Vp8BoolDecoder
{
    private readonly byte* _data;
    private readonly int _end;
    private int _position;
    private ulong _value;
    private int _bits;
    private uint _range;

    /// <summary>
    /// Starts decoding <paramref name="data"/>[<paramref name="start"/>..<paramref name="start"/>+<paramref name="length"/>],
    /// which the caller keeps pinned while the decoder is used (the whole decode for its call, a read by rows for its life).
    /// </summary>
    public Vp8BoolDecoder(byte* data, int start, int length)
    {
        _data = data;
        _position = start;
        _end = start + length;
        _value = 0;
        _bits = -8;
        _range = 255 - 1;
        IsPastEnd = false;
        Load();
    }

    /// <summary>True once a bit beyond the end of the data was needed.</summary>
    public bool IsPastEnd { get; private set; }

    /// <summary>Decodes one bit whose probability of being 0 is <paramref name="probability"/>/256.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int GetBit(int probability)
    {
        if (_bits < 0)
        {
            Load();
        }

        uint range = _range;
        uint split = (range * (uint)probability) >> 8;
        uint value = (uint)(_value >> _bits);
        int bit;
        if (value > split)
        {
            range -= split;
            _value -= (ulong)(split + 1) << _bits;
            bit = 1;
        }
        else
        {
            range = split + 1;
            bit = 0;
        }

        // Renormalise so that the range is back in [128, 255].
        int shift = 7 ^ BitOperations.Log2(range);
        _bits -= shift;
        _range = (range << shift) - 1;
        return bit;
    }

    /// <summary>An unsigned <paramref name="count"/>-bit literal, most significant bit first, each at probability 1/2.</summary>
    public int GetValue(int count)
    {
        int v = 0;
        while (count-- > 0)
        {
            v |= GetBit(0x80) << count;
        }

        return v;
    }

    /// <summary>A flag coded at probability 1/2.</summary>
    public bool GetFlag() => GetBit(0x80) != 0;

    /// <summary>A <paramref name="count"/>-bit magnitude followed by a sign bit.</summary>
    public int GetSignedValue(int count)
    {
        int v = GetValue(count);
        return GetFlag() ? -v : v;
    }

    /// <summary>Returns <paramref name="v"/> or −<paramref name="v"/> according to one bit at probability 1/2.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int GetSigned(int v) => GetBit(0x80) != 0 ? -v : v;

    private void Load()
    {
        if (_end - _position >= 8)
        {
            // Seven whole bytes at once: the top 56 bits of a big-endian read.
            ulong bits = BinaryPrimitives.ReadUInt64BigEndian(new ReadOnlySpan<byte>(_data + _position, 8)) >> 8;
            _position += 7;
            _value = bits | (_value << 56);
            _bits += 56;
        }
        else if (_position < _end)
        {
            _value = _data[_position++] | (_value << 8);
            _bits += 8;
        }
        else if (!IsPastEnd)
        {
            _value <<= 8;
            _bits += 8;
            IsPastEnd = true;
        }
        else
        {
            // Keep the shifts defined; the caller refuses the stream once it sees IsPastEnd.
            _bits = 0;
        }
    }
}
