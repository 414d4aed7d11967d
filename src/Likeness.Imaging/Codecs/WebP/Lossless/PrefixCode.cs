namespace Likeness.Imaging.Codecs.WebP.Lossless;

/// <summary>
/// A canonical prefix (Huffman) code, stored compactly as the count of codes per length and the symbols in code
/// order, so that thousands of meta prefix codes stay small. A code with one symbol reads no bits. Codes of up to
/// <see cref="TableBits"/> bits are found with one look-up of the next bits; longer ones are walked a bit at a time.
/// </summary>
internal sealed class PrefixCode
{
    public const int MaxLength = 15;

    /// <summary>Bits resolved by the look-up table; entries hold the symbol (low 12 bits) and its length (high 4).</summary>
    private const int TableBits = 8;

    private readonly int[] _counts;
    private readonly ushort[] _symbols;
    private readonly ushort[]? _table;

    private PrefixCode(int[] counts, ushort[] symbols, ushort[]? table)
    {
        _counts = counts;
        _symbols = symbols;
        _table = table;
    }

    /// <summary>How many symbols the code stores (for the memory budget).</summary>
    public int SymbolCount => _symbols.Length;

    /// <summary>Bytes the code occupies beyond its symbols (the look-up table), for the memory budget.</summary>
    public int TableBytes => _table is null ? 0 : 2 * _table.Length;

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
            return new PrefixCode(new int[MaxLength + 1], symbols, null);
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

        return new PrefixCode(counts, symbols, BuildTable(counts, symbols));
    }

    /// <summary>
    /// For every value of the next <see cref="TableBits"/> bits, the symbol whose code they start with, when that
    /// code is that short. The reader takes bits least significant first and a code's first bit is its most
    /// significant, so a code of length L fills the entries whose low L bits are the code reversed.
    /// </summary>
    private static ushort[] BuildTable(int[] counts, ushort[] symbols)
    {
        var table = new ushort[1 << TableBits];
        int code = 0, index = 0;
        for (int length = 1; length <= TableBits; length++)
        {
            for (int i = 0; i < counts[length]; i++, code++, index++)
            {
                int reversed = 0;
                for (int b = 0; b < length; b++)
                {
                    reversed |= ((code >> b) & 1) << (length - 1 - b);
                }

                for (int entry = reversed; entry < table.Length; entry += 1 << length)
                {
                    table[entry] = (ushort)(symbols[index] | (length << 12));
                }
            }

            code <<= 1;
        }

        return table;
    }

    /// <summary>Reads one symbol: by table for short codes, else a bit at a time from the code's most significant bit.</summary>
    public int Read(ref Vp8LBitReader reader)
    {
        if (_table is null)
        {
            return _symbols[0];
        }

        ushort entry = _table[reader.PeekBits(TableBits)];
        if (entry != 0)
        {
            reader.Skip(entry >> 12);
            return entry & 0xFFF;
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
