using System.Buffers.Binary;

namespace Likeness.Imaging.Codecs.Png;

/// <summary>
/// CRC-32 as PNG and zlib define it (reflected polynomial 0xEDB88320), computed slicing-by-8: eight table
/// lookups per 8 input bytes instead of one per byte. System.IO.Hashing is not on the package mirror.
/// </summary>
internal static class Crc32
{
    private const uint Polynomial = 0xEDB88320;

    // Table[k][b] is the CRC of byte b followed by k zero bytes; row 0 is the classic byte-at-a-time table.
    private static readonly uint[] Table = BuildTable();

    /// <summary>The CRC of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    /// <summary>Continues <paramref name="crc"/> (a finished CRC of the preceding bytes) over <paramref name="data"/>.</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        uint[] table = Table;
        uint c = ~crc;
        while (data.Length >= 8)
        {
            uint lo = BinaryPrimitives.ReadUInt32LittleEndian(data) ^ c;
            uint hi = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
            c = table[(7 * 256) + (lo & 0xFF)] ^ table[(6 * 256) + ((lo >> 8) & 0xFF)]
              ^ table[(5 * 256) + ((lo >> 16) & 0xFF)] ^ table[(4 * 256) + (lo >> 24)]
              ^ table[(3 * 256) + (hi & 0xFF)] ^ table[(2 * 256) + ((hi >> 8) & 0xFF)]
              ^ table[256 + ((hi >> 16) & 0xFF)] ^ table[hi >> 24];
            data = data[8..];
        }

        foreach (byte b in data)
        {
            c = table[(c ^ b) & 0xFF] ^ (c >> 8);
        }

        return ~c;
    }

    private static uint[] BuildTable()
    {
        uint[] table = new uint[8 * 256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? Polynomial ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        for (int slice = 1; slice < 8; slice++)
        {
            for (int n = 0; n < 256; n++)
            {
                uint previous = table[((slice - 1) * 256) + n];
                table[(slice * 256) + n] = table[previous & 0xFF] ^ (previous >> 8);
            }
        }

        return table;
    }
}
