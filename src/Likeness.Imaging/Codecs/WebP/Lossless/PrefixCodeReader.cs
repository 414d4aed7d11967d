namespace Likeness.Imaging.Codecs.WebP.Lossless;

/// <summary>Reads one prefix code as the VP8L format stores it: "simple" (one or two symbols) or "normal".</summary>
internal static class PrefixCodeReader
{
    private static ReadOnlySpan<byte> CodeLengthOrder => [17, 18, 0, 1, 2, 3, 4, 5, 16, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15];

    public static PrefixCode Read(ref Vp8LBitReader reader, int alphabetSize)
    {
        byte[] lengths = new byte[alphabetSize];
        if (reader.ReadBits(1) == 1)
        {
            int symbols = (int)reader.ReadBits(1) + 1;
            int first = (int)reader.ReadBits(reader.ReadBits(1) == 1 ? 8 : 1);
            Set(lengths, first);
            if (symbols == 2)
            {
                Set(lengths, (int)reader.ReadBits(8));
            }

            return PrefixCode.FromLengths(lengths);
        }

        Span<byte> codeLengthLengths = stackalloc byte[CodeLengthOrder.Length];
        int count = 4 + (int)reader.ReadBits(4);
        for (int i = 0; i < count; i++)
        {
            codeLengthLengths[CodeLengthOrder[i]] = (byte)reader.ReadBits(3);
        }

        PrefixCode codeLengthCode = PrefixCode.FromLengths(codeLengthLengths);
        ReadLengths(ref reader, codeLengthCode, lengths);
        return PrefixCode.FromLengths(lengths);
    }

    private static void Set(byte[] lengths, int symbol)
    {
        if (symbol >= lengths.Length)
        {
            throw InvalidImageException.Corrupt($"A WebP lossless prefix code names symbol {symbol} of {lengths.Length}.");
        }

        lengths[symbol] = 1;
    }

    private static void ReadLengths(ref Vp8LBitReader reader, PrefixCode codeLengthCode, byte[] lengths)
    {
        int maxSymbol = lengths.Length;
        if (reader.ReadBits(1) == 1)
        {
            int bits = 2 + (2 * (int)reader.ReadBits(3));
            maxSymbol = 2 + (int)reader.ReadBits(bits);
            if (maxSymbol > lengths.Length)
            {
                throw InvalidImageException.Corrupt("A WebP lossless prefix code declares more lengths than symbols.");
            }
        }

        int symbol = 0;
        byte previous = 8;
        while (symbol < lengths.Length && maxSymbol-- > 0)
        {
            int code = codeLengthCode.Read(ref reader);
            if (code < 16)
            {
                lengths[symbol++] = (byte)code;
                previous = code != 0 ? (byte)code : previous;
                continue;
            }

            (int extraBits, int offset, byte value) = code switch
            {
                16 => (2, 3, previous),
                17 => (3, 3, (byte)0),
                _ => (7, 11, (byte)0),
            };
            int repeat = offset + (int)reader.ReadBits(extraBits);
            if (symbol + repeat > lengths.Length)
            {
                throw InvalidImageException.Corrupt("A WebP lossless code-length repeat runs past the alphabet.");
            }

            lengths.AsSpan(symbol, repeat).Fill(value);
            symbol += repeat;
        }
    }
}
