using System.Buffers.Binary;
using System.IO.Compression;

namespace Likeness.Testing;

/// <summary>
/// Builds PNG files chunk by chunk for tests, independently of the code under test: its own bitwise CRC and its own
/// Adam7 pass table, so an interlaced file made here checks the reader rather than agreeing with it.
/// </summary>
public static class PngFiles
{
    /// <summary>The eight bytes every PNG starts with.</summary>
    public static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    // Adam7's passes as the PNG specification gives them: first column, first row, column step, row step.
    private static readonly (int X0, int Y0, int StepX, int StepY)[] Adam7Passes =
        [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)];

    /// <summary>A chunk: length, type, <paramref name="data"/>, CRC.</summary>
    public static byte[] Chunk(string type, ReadOnlySpan<byte> data)
    {
        byte[] chunk = new byte[data.Length + 12];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        System.Text.Encoding.ASCII.GetBytes(type, chunk.AsSpan(4));
        data.CopyTo(chunk.AsSpan(8));
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), BitwiseCrc(chunk.AsSpan(4, data.Length + 4)));
        return chunk;
    }

    /// <summary>An IHDR chunk.</summary>
    public static byte[] Header(uint width, uint height, byte depth, byte colorType, byte interlace = 0)
    {
        byte[] body = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(body, width);
        BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(4), height);
        body[8] = depth;
        body[9] = colorType;
        body[12] = interlace;
        return Chunk("IHDR", body);
    }

    /// <summary>The zlib stream of <paramref name="raw"/>.</summary>
    public static byte[] Deflate(ReadOnlySpan<byte> raw)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal))
        {
            zlib.Write(raw);
        }

        return output.ToArray();
    }

    /// <summary>The parts, one after another.</summary>
    public static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];

    /// <summary>
    /// An interlaced 8-bit RGB (3 <paramref name="channels"/>) or RGBA (4) file of <paramref name="pixels"/>: the Adam7
    /// passes' rows in order, each with filter type 0, as <see cref="Adam7Rows"/> lays them out.
    /// </summary>
    public static byte[] Interlaced(int width, int height, int channels, ReadOnlySpan<byte> pixels) =>
        InterlacedFile(width, height, channels, Adam7Rows(width, height, channels, pixels));

    /// <summary>An interlaced 8-bit RGB (3 <paramref name="channels"/>) or RGBA (4) file with the given filtered pass rows.</summary>
    public static byte[] InterlacedFile(int width, int height, int channels, ReadOnlySpan<byte> filteredRows) =>
        Concat(
            Signature,
            Header((uint)width, (uint)height, 8, channels == 4 ? (byte)6 : (byte)2, interlace: 1),
            Chunk("IDAT", Deflate(filteredRows)),
            Chunk("IEND", []));

    /// <summary>
    /// The filtered rows of an interlaced file, before compression: pass after pass (empty passes have no bytes), each
    /// pass row a filter-type byte 0 and the pixels the pass takes from its image row.
    /// </summary>
    public static byte[] Adam7Rows(int width, int height, int bpp, ReadOnlySpan<byte> pixels)
    {
        using var rows = new MemoryStream();
        foreach (var (x0, y0, stepX, stepY) in Adam7Passes)
        {
            int passWidth = Math.Max(0, (width - x0 + stepX - 1) / stepX), passHeight = Math.Max(0, (height - y0 + stepY - 1) / stepY);
            for (int r = 0; r < passHeight && passWidth > 0; r++)
            {
                rows.WriteByte(0);
                int rowStart = (y0 + (r * stepY)) * width;
                for (int i = 0; i < passWidth; i++)
                {
                    rows.Write(pixels.Slice((rowStart + x0 + (i * stepX)) * bpp, bpp));
                }
            }
        }

        return rows.ToArray();
    }

    /// <summary>CRC-32 one bit at a time, straight from the PNG specification: the reference for the codec's table version.</summary>
    public static uint BitwiseCrc(ReadOnlySpan<byte> data)
    {
        uint c = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            c ^= b;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            }
        }

        return ~c;
    }
}
