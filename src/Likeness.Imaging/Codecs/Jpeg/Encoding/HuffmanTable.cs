namespace Likeness.Imaging.Codecs.Jpeg.Encoding;

/// <summary>
/// A Huffman table as a DHT segment describes it (code counts per length 1..16 and the symbols in code order),
/// with the code and length of every symbol derived as in ITU T.81 Annex C.
/// </summary>
internal sealed class HuffmanTable
{
    private readonly ushort[] _codes = new ushort[256];
    private readonly byte[] _lengths = new byte[256];

    public HuffmanTable(ReadOnlySpan<byte> counts, ReadOnlySpan<byte> symbols)
    {
        Counts = counts.ToArray();
        Symbols = symbols.ToArray();
        int code = 0;
        int k = 0;
        for (int length = 1; length <= 16; length++)
        {
            for (int i = 0; i < counts[length - 1]; i++, k++)
            {
                _codes[symbols[k]] = (ushort)code++;
                _lengths[symbols[k]] = (byte)length;
            }

            code <<= 1;
        }
    }

    /// <summary>Number of codes of each length 1..16.</summary>
    public byte[] Counts { get; }

    /// <summary>Symbols in order of increasing code.</summary>
    public byte[] Symbols { get; }

    /// <summary>The code of <paramref name="symbol"/> (right-aligned).</summary>
    public int Code(int symbol) => _codes[symbol];

    /// <summary>The code length of <paramref name="symbol"/>; 0 when the table has no code for it.</summary>
    public int Length(int symbol) => _lengths[symbol];
}
