using System.Buffers.Binary;

namespace Likeness.Imaging.Codecs.WebP;

/// <summary>
/// Walks the chunks of a RIFF body: each is a four-character code, a little-endian 32-bit size and the payload,
/// padded to an even length. A size that runs past the data is refused, so no payload is ever read out of bounds.
/// </summary>
internal static class RiffReader
{
    /// <summary>The chunks of <paramref name="data"/>[<paramref name="start"/>..<paramref name="end"/>].</summary>
    public static List<RiffChunk> Chunks(ReadOnlySpan<byte> data, int start, int end)
    {
        var chunks = new List<RiffChunk>();
        int position = start;
        while (position < end)
        {
            if (end - position < 8)
            {
                throw InvalidImageException.Corrupt($"The WebP file has {end - position} stray bytes where a chunk header belongs.");
            }

            uint fourCc = BinaryPrimitives.ReadUInt32LittleEndian(data[position..]);
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(data[(position + 4)..]);
            int payload = position + 8;
            if (size > (uint)(end - payload))
            {
                throw InvalidImageException.Corrupt(
                    $"The WebP chunk '{Name(fourCc)}' declares {size:N0} bytes but only {end - payload:N0} remain.");
            }

            chunks.Add(new RiffChunk(fourCc, payload, (int)size));
            // Odd payloads are followed by one pad byte; a file may end right after an odd last payload.
            position = payload + (int)size + (int)(size & 1);
        }

        return chunks;
    }

    /// <summary>The printable name of a four-character code (non-printable bytes as '?').</summary>
    public static string Name(uint fourCc)
    {
        Span<char> name = stackalloc char[4];
        for (int i = 0; i < 4; i++)
        {
            byte b = (byte)(fourCc >> (8 * i));
            name[i] = b is >= 0x20 and < 0x7F ? (char)b : '?';
        }

        return new string(name);
    }
}
