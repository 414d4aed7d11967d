namespace Likeness.Inference.Tokenization;

/// <summary>
/// GPT-2/CLIP's <c>bytes_to_unicode</c>: every byte gets a printable character so BPE can work on strings.
/// Printable bytes map to themselves; the 68 others map to U+0100 + n in increasing byte order.
/// </summary>
internal static class ByteLevelAlphabet
{
    /// <summary>The byte values in the order the vocabulary lists them (printable ranges first).</summary>
    public static IReadOnlyList<byte> VocabularyOrder { get; } = BuildOrder();

    /// <summary>The character each byte maps to.</summary>
    public static IReadOnlyList<char> ByteToChar { get; } = BuildByteToChar();

    private static bool IsPrintable(int b) => b is (>= '!' and <= '~') or (>= 0xA1 and <= 0xAC) or (>= 0xAE and <= 0xFF);

    private static byte[] BuildOrder()
    {
        var order = new List<byte>(256);
        for (int b = 0; b < 256; b++)
        {
            if (IsPrintable(b))
            {
                order.Add((byte)b);
            }
        }

        for (int b = 0; b < 256; b++)
        {
            if (!IsPrintable(b))
            {
                order.Add((byte)b);
            }
        }

        return [.. order];
    }

    private static char[] BuildByteToChar()
    {
        var map = new char[256];
        int next = 0;
        for (int b = 0; b < 256; b++)
        {
            map[b] = IsPrintable(b) ? (char)b : (char)(0x100 + next++);
        }

        return map;
    }
}
