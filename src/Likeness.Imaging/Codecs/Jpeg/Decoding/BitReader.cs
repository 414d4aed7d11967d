using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Likeness.Imaging.Codecs.Jpeg.Decoding;

/// <summary>
/// Reads the entropy-coded bits of a scan, MSB first, removing FF00 stuffing. When it reaches a marker (or the
/// end of the data, which counts as a fake EOI as libjpeg's file source does) it supplies zero bits, and tracks
/// whether any of them were consumed: libjpeg then leaves the rest of the restart interval at zero.
/// </summary>
internal ref struct BitReader
{
    private const byte Eoi = JpegConstants.Markers.Eoi;

    private readonly ReadOnlySpan<byte> _data;
    private ulong _bits;
    private int _count;
    private int _padBits;

    public BitReader(ReadOnlySpan<byte> data, int position)
    {
        _data = data;
        Position = position;
    }

    /// <summary>Resumes a read where <see cref="Save"/> left it, over the same <paramref name="data"/>.</summary>
    public BitReader(ReadOnlySpan<byte> data, in Saved saved)
    {
        _data = data;
        _bits = saved.Bits;
        _count = saved.Count;
        _padBits = saved.PadBits;
        Position = saved.Position;
        Marker = saved.Marker;
        HitEnd = saved.HitEnd;
    }

    /// <summary>Index of the next unread byte.</summary>
    public int Position { get; private set; }

    /// <summary>The marker code that stopped the reader, or 0 while entropy data continues.</summary>
    public byte Marker { get; private set; }

    /// <summary>True once the data ended without a marker (a truncated file).</summary>
    public bool HitEnd { get; private set; }

    /// <summary>True when the decoder has used zero bits invented past a marker (data ran out).</summary>
    public readonly bool ConsumedPadding => _padBits > _count;

    /// <summary>Everything but the data, to resume the read later (a ref struct cannot be kept between calls).</summary>
    public readonly Saved Save() => new(_bits, _count, _padBits, Position, Marker, HitEnd);

    /// <summary>Makes at least 57 bits available.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void EnsureBits()
    {
        if (_count < 32)
        {
            Fill();
        }
    }

    /// <summary>The next <see cref="HuffmanTable.LookupBits"/> bits, for table lookups.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly int PeekLookup() => (int)(_bits >> (64 - HuffmanTable.LookupBits));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Skip(int n)
    {
        _bits <<= n;
        _count -= n;
    }

    /// <summary>Reads n bits (0..16); the caller has ensured they are buffered.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int GetBits(int n)
    {
        if (n == 0)
        {
            return 0;
        }

        int value = (int)(_bits >> (64 - n));
        _bits <<= n;
        _count -= n;
        return value;
    }

    /// <summary>Reads n bits and sign-extends them as JPEG's RECEIVE/EXTEND do.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReceiveExtend(int n)
    {
        int value = GetBits(n);
        return n == 0 || value >= (1 << (n - 1)) ? value : value - (1 << n) + 1;
    }

    /// <summary>Decodes one Huffman symbol; at least 32 bits must be buffered.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int DecodeSymbol(HuffmanTable table)
    {
        int entry = table.Lookup[(int)(_bits >> (64 - HuffmanTable.LookupBits))];
        if (entry != 0)
        {
            int length = entry >> 8;
            _bits <<= length;
            _count -= length;
            return entry & 0xFF;
        }

        return DecodeLong(table);
    }

    private int DecodeLong(HuffmanTable table)
    {
        int length = HuffmanTable.LookupBits + 1;
        int code = (int)(_bits >> (64 - length));
        while (code > table.MaxCode[length])
        {
            length++;
            code = (int)(_bits >> (64 - length));
        }

        _bits <<= length;
        _count -= length;

        // No code matched in 16 bits: libjpeg consumes 17 bits and fakes a zero symbol.
        return length > 16 ? 0 : table.Values[(code + table.ValueOffset[length]) & 0xFF];
    }

    /// <summary>
    /// Handles a restart boundary as libjpeg does: drops buffered bits, finds the next marker and, when it is not
    /// the expected RSTn, applies jpeg_resync_to_restart's rules (skip ahead or leave the marker in place).
    /// </summary>
    public void Restart(int expected)
    {
        bool outOfData = ConsumedPadding;
        _bits = 0;
        _count = 0;
        _padBits = 0;
        if (Marker == 0)
        {
            NextMarker();
        }

        while (true)
        {
            int marker = Marker;
            int action;
            if (marker < JpegConstants.Markers.Sof0)
            {
                action = 2;
            }
            else if (marker < JpegConstants.Markers.Rst0 || marker > JpegConstants.Markers.Rst7)
            {
                action = 3;
            }
            else if (marker == JpegConstants.Markers.Rst0 + ((expected + 1) & 7)
                || marker == JpegConstants.Markers.Rst0 + ((expected + 2) & 7))
            {
                action = 3;
            }
            else if (marker == JpegConstants.Markers.Rst0 + ((expected - 1) & 7)
                || marker == JpegConstants.Markers.Rst0 + ((expected - 2) & 7))
            {
                action = 2;
            }
            else
            {
                action = 1;
            }

            switch (action)
            {
                case 1:
                    Marker = 0;
                    return;
                case 2:
                    NextMarker();
                    break;
                default:
                    // Left against a marker: libjpeg keeps its out-of-data flag, so the segment stays empty.
                    _padBits = outOfData ? 1 : 0;
                    return;
            }
        }
    }

    /// <summary>The marker that follows the scan (skipping leftover bytes); <see cref="Position"/> is after its code.</summary>
    public byte FinishScan()
    {
        if (Marker == 0)
        {
            NextMarker();
        }

        return Marker;
    }

    private void NextMarker()
    {
        int p = Position;
        byte code = MarkerScanner.Next(_data, ref p);
        Position = p;
        if (code == 0)
        {
            SetEnd();
        }
        else
        {
            Marker = code;
        }
    }

    private void SetEnd()
    {
        Marker = Eoi;
        HitEnd = true;
        Position = _data.Length;
    }

    private void Fill()
    {
        ReadOnlySpan<byte> data = _data;
        int p = Position;
        if (Marker == 0 && p <= data.Length - 8)
        {
            // Fast path: 8 bytes without an FF (so no stuffing or marker) are appended whole.
            ulong word = BinaryPrimitives.ReadUInt64BigEndian(data[p..]);
            ulong inverted = ~word;
            if (((inverted - 0x0101010101010101UL) & ~inverted & 0x8080808080808080UL) == 0)
            {
                int bytes = (64 - _count) >> 3;
                _bits |= (word & (ulong.MaxValue << (64 - (8 * bytes)))) >> _count;
                _count += 8 * bytes;
                Position = p + bytes;
                return;
            }
        }

        while (_count <= 56)
        {
            ulong b = 0;
            if (Marker == 0)
            {
                if (p < data.Length && data[p] != 0xFF)
                {
                    b = data[p++];
                }
                else
                {
                    b = FillSpecial(ref p);
                }
            }

            if (Marker != 0)
            {
                _padBits += 8;
            }

            _bits |= b << (56 - _count);
            _count += 8;
        }

        Position = p;
    }

    /// <summary>Handles FF (stuffed byte, fill bytes or marker) and the end of the data.</summary>
    private ulong FillSpecial(ref int p)
    {
        ReadOnlySpan<byte> data = _data;
        if (p >= data.Length)
        {
            Position = p;
            SetEnd();
            p = Position;
            return 0;
        }

        int q = p + 1;
        while (q < data.Length && data[q] == 0xFF)
        {
            q++;
        }

        if (q >= data.Length)
        {
            SetEnd();
            p = Position;
            return 0;
        }

        if (data[q] == 0)
        {
            p = q + 1;
            return 0xFF;
        }

        Marker = data[q];
        p = q + 1;
        return 0;
    }

    /// <summary>A reader's state without its data (see <see cref="Save"/>).</summary>
    internal readonly record struct Saved(ulong Bits, int Count, int PadBits, int Position, byte Marker, bool HitEnd);
}
