namespace Likeness.Imaging.Codecs.Jpeg.Decoding;

/// <summary>
/// A Huffman decoding table built from a DHT segment: a 9-bit lookahead table for the common short codes and
/// libjpeg's maxcode/valoffset arrays for the long ones.
/// </summary>
internal sealed class HuffmanTable
{
    /// <summary>Bits looked at in one table access; codes up to this length decode in one step.</summary>
    public const int LookupBits = 9;

    /// <summary>(code length &lt;&lt; 8) | symbol for every 9-bit prefix; 0 when the code is longer than 9 bits.</summary>
    public readonly ushort[] Lookup = new ushort[1 << LookupBits];

    /// <summary>
    /// For AC tables: a whole (run, coefficient) pair per 9-bit prefix when the code and its extra bits fit in
    /// 9 bits, packed as coefficient × 256 + run × 16 + bits used; 0 otherwise. Saves most symbol decodes.
    /// </summary>
    public readonly int[] FastAc = new int[1 << LookupBits];

    /// <summary>Largest code of each length 1..16 (-1 when there is none); index 17 is a sentinel.</summary>
    public readonly int[] MaxCode = new int[18];

    /// <summary>Symbol index of the first code of each length, minus that code.</summary>
    public readonly int[] ValueOffset = new int[17];

    /// <summary>The symbols in code order.</summary>
    public readonly byte[] Values = new byte[256];

    /// <summary>
    /// Builds the table from the 16 code counts and the symbols, refusing (as libjpeg does) tables with more
    /// than 256 symbols, codes that overflow their length (an all-ones code included) and DC symbols above 15.
    /// </summary>
    public void Build(ReadOnlySpan<byte> counts, ReadOnlySpan<byte> values, bool isDc)
    {
        int total = 0;
        foreach (byte count in counts[..16])
        {
            total += count;
        }

        if (total > 256 || values.Length < total)
        {
            throw InvalidImageException.Corrupt("The JPEG file has an invalid Huffman table.");
        }

        Span<byte> sizes = stackalloc byte[257];
        Span<int> codes = stackalloc int[257];
        total = 0;
        for (int length = 1; length <= 16; length++)
        {
            for (int i = 0; i < counts[length - 1]; i++)
            {
                sizes[total++] = (byte)length;
            }
        }

        sizes[total] = 0;
        int code = 0;
        int p = 0;
        for (int length = 1; length <= 16; length++)
        {
            while (sizes[p] == length)
            {
                codes[p++] = code++;
            }

            // The next code must still fit in `length` bits: no code may be all ones.
            if (code >= 1 << length)
            {
                throw InvalidImageException.Corrupt("The JPEG file has an invalid Huffman table.");
            }

            code <<= 1;
        }

        p = 0;
        for (int length = 1; length <= 16; length++)
        {
            if (counts[length - 1] == 0)
            {
                MaxCode[length] = -1;
                continue;
            }

            ValueOffset[length] = p - codes[p];
            p += counts[length - 1];
            MaxCode[length] = codes[p - 1];
        }

        MaxCode[17] = int.MaxValue;
        values[..total].CopyTo(Values);
        if (isDc && values[..total].ContainsAnyInRange((byte)16, (byte)255))
        {
            throw InvalidImageException.Corrupt("The JPEG file has a DC Huffman table with a symbol above 15.");
        }

        Array.Clear(Lookup);
        for (int i = 0; i < total; i++)
        {
            int length = sizes[i];
            if (length > LookupBits)
            {
                break;
            }

            int shift = LookupBits - length;
            int first = codes[i] << shift;
            ushort entry = (ushort)((length << 8) | values[i]);
            Lookup.AsSpan(first, 1 << shift).Fill(entry);
        }

        BuildFastAc();
    }

    private void BuildFastAc()
    {
        Array.Clear(FastAc);
        for (int prefix = 0; prefix < FastAc.Length; prefix++)
        {
            int entry = Lookup[prefix];
            int length = entry >> 8;
            int run = (entry >> 4) & 15;
            int size = entry & 15;
            if (entry == 0 || size == 0 || length + size > LookupBits)
            {
                continue;
            }

            int bits = (prefix >> (LookupBits - length - size)) & ((1 << size) - 1);
            int value = bits < (1 << (size - 1)) ? bits - (1 << size) + 1 : bits;
            FastAc[prefix] = (value * 256) + (run * 16) + length + size;
        }
    }
}
