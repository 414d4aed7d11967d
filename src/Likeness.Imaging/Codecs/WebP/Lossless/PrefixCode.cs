namespace Likeness.Imaging.Codecs.WebP.Lossless;

/// <summary>
/// A canonical prefix (Huffman) code, stored compactly as the count of codes per length and the symbols in code
/// order, so that thousands of meta prefix codes stay small. A code with one symbol reads no bits.
/// </summary>
internal sealed class PrefixCode
{
    public const int MaxLength = 15;

    private readonly int[] _counts;
    private readonly ushort[] _symbols;

    private PrefixCode(int[] counts, ushort[] symbols)
    {
        _counts = counts;
        _symbols = symbols;
    }

    /// <summary>How many symbols the code stores (for the memory budget).</summary>
    public int SymbolCount => _symbols.Length;

    /// <summary>Builds the code from per-symbol lengths; refuses an empty, over-subscribed or incomplete code.</summary>
    public static PrefixCode FromLengths(ReadOnlySpan<byte> lengths)
    {
        int[] counts = new int[MaxLength + 1];
        int used = 0;
        foreach (byte length in lengths)
        {
            if (length != 0)
            {
                counts[length]++;
                used++;
            }
        }

        if (used == 0)
        {
            throw InvalidImageException.Corrupt("A WebP lossless prefix code has no symbols.");
        }

        var symbols = new ushort[used];
        if (used == 1)
        {
            symbols[0] = (ushort)lengths.IndexOfAnyExcept((byte)0);
            return new PrefixCode(new int[MaxLength + 1], symbols);
        }

        int left = 1;
        Span<int> offsets = stackalloc int[MaxLength + 2];
        for (int length = 1; length <= MaxLength; length++)
        {
            left = (left << 1) - counts[length];
            if (left < 0)
            {
                throw InvalidImageException.Corrupt("A WebP lossless prefix code is over-subscribed.");
            }

            offsets[length + 1] = offsets[length] + counts[length];
        }

        if (left != 0)
        {
            throw InvalidImageException.Corrupt("A WebP lossless prefix code is incomplete.");
        }

        for (int symbol = 0; symbol < lengths.Length; symbol++)
        {
            if (lengths[symbol] != 0)
            {
                symbols[offsets[lengths[symbol]]++] = (ushort)symbol;
            }
        }

        return new PrefixCode(counts, symbols);
    }

    /// <summary>Reads one symbol, a bit at a time from the code's most significant bit (canonical order).</summary>
    public int Read(ref Vp8LBitReader reader)
    {
        if (_symbols.Length == 1)
        {
            return _symbols[0];
        }

        int code = 0, first = 0, index = 0;
        for (int length = 1; length <= MaxLength; length++)
        {
            code |= (int)reader.ReadBits(1);
            int count = _counts[length];
            if (code - first < count)
            {
                return _symbols[index + code - first];
            }

            index += count;
            first = (first + count) << 1;
            code <<= 1;
        }

        throw InvalidImageException.Corrupt("A WebP lossless prefix code read an invalid code.");
    }
}
