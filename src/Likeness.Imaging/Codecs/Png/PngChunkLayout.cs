using System.Buffers.Binary;
using System.Text;

namespace Likeness.Imaging.Codecs.Png;

/// <summary>
/// One pass over a PNG's chunks: the header, palette and transparency, and where the compressed image data
/// lies. Every complete chunk's CRC is checked: a bad critical chunk is refused, a bad ancillary one skipped.
/// Nothing is allocated from a length field, so a chunk claiming gigabytes costs nothing.
/// </summary>
internal ref struct PngChunkLayout
{
    private const int ChunkOverhead = 12; // length, type, CRC

    public PngHeader Header;

    /// <summary>PLTE body (entries of 3 bytes); empty when absent or meaningless for the colour type.</summary>
    public ReadOnlySpan<byte> Palette;

    /// <summary>tRNS body, kept only when its length suits the colour type; empty otherwise.</summary>
    public ReadOnlySpan<byte> Transparency;

    /// <summary>Offset and length of each IDAT body in the file, in order (a cut-off last one included).</summary>
    public List<(int Offset, int Length)> ImageData;

    /// <summary>True when the data ends before IEND.</summary>
    public bool EndsEarly;

    /// <summary>The last eXIf body with a good CRC, before or after the image data (as Pillow reads it); empty when none.</summary>
    public ReadOnlySpan<byte> Exif;

    public static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public readonly bool HasTransparency => !Transparency.IsEmpty;

    /// <summary>Reads the chunks; with <paramref name="headerOnly"/> it stops at the first IDAT.</summary>
    public static PngChunkLayout Read(ReadOnlySpan<byte> data, bool headerOnly)
    {
        if (!data.StartsWith(Signature))
        {
            throw Signature.StartsWith(data)
                ? InvalidImageException.Truncated("The PNG file ends inside its signature.")
                : InvalidImageException.Corrupt("The data does not start with the PNG signature.");
        }

        var layout = new PngChunkLayout { ImageData = [] };
        bool seenHeader = false, seenPalette = false, imageDataDone = false;
        int pos = Signature.Length;
        while (true)
        {
            if (data.Length - pos < 8)
            {
                layout.EndsEarly = true;
                break;
            }

            uint length = BinaryPrimitives.ReadUInt32BigEndian(data[pos..]);
            ReadOnlySpan<byte> type = data.Slice(pos + 4, 4);
            if (length > int.MaxValue)
            {
                throw InvalidImageException.Corrupt(
                    $"The PNG chunk at byte {pos} claims {length:N0} bytes; PNG allows at most 2^31-1.");
            }

            if (!IsChunkType(type))
            {
                throw InvalidImageException.Corrupt($"The PNG file has a malformed chunk type at byte {pos}.");
            }

            bool isImageData = type.SequenceEqual("IDAT"u8);
            if (!seenHeader && !type.SequenceEqual("IHDR"u8))
            {
                throw InvalidImageException.Corrupt($"The first PNG chunk is {Name(type)}; it must be IHDR.");
            }

            if (imageDataDone && isImageData)
            {
                throw InvalidImageException.Corrupt("The PNG file's IDAT chunks are not consecutive.");
            }

            if (layout.ImageData.Count > 0 && !isImageData)
            {
                imageDataDone = true;
            }

            int bodyStart = pos + 8;
            if ((long)bodyStart + length + 4 > data.Length)
            {
                // A cut-off chunk: its CRC is gone. A cut-off IDAT still holds usable data.
                if (isImageData && seenHeader)
                {
                    layout.ImageData.Add((bodyStart, data.Length - bodyStart));
                }

                layout.EndsEarly = true;
                break;
            }

            ReadOnlySpan<byte> body = data.Slice(bodyStart, (int)length);
            bool critical = (type[0] & 0x20) == 0;
            uint storedCrc = BinaryPrimitives.ReadUInt32BigEndian(data[(bodyStart + (int)length)..]);
            pos = bodyStart + (int)length + 4;
            if (Crc32.Compute(data.Slice(bodyStart - 4, (int)length + 4)) != storedCrc)
            {
                if (critical)
                {
                    throw InvalidImageException.Corrupt($"The PNG {Name(type)} chunk fails its CRC check: the file is damaged.");
                }

                continue;
            }

            if (type.SequenceEqual("IHDR"u8))
            {
                if (seenHeader)
                {
                    throw InvalidImageException.Corrupt("The PNG file has two IHDR chunks.");
                }

                layout.Header = PngHeader.Parse(body);
                seenHeader = true;
            }
            else if (isImageData)
            {
                layout.ImageData.Add((bodyStart, body.Length));
                if (headerOnly)
                {
                    layout.Exif = FindExifAfter(data, pos, layout.Exif);
                    break;
                }
            }
            else if (type.SequenceEqual("PLTE"u8))
            {
                if (seenPalette || layout.ImageData.Count > 0)
                {
                    throw InvalidImageException.Corrupt("The PNG file has a second PLTE chunk or one after the image data.");
                }

                seenPalette = true;
                layout.Palette = ValidPalette(layout.Header, body);
            }
            else if (type.SequenceEqual("tRNS"u8))
            {
                layout.Transparency = ValidTransparency(layout.Header, body, layout.Palette.Length / 3, layout.ImageData.Count > 0);
            }
            else if (type.SequenceEqual("eXIf"u8))
            {
                layout.Exif = body;
            }
            else if (type.SequenceEqual("IEND"u8))
            {
                break;
            }
            else if (critical)
            {
                throw InvalidImageException.Unsupported($"The PNG file needs the unknown critical chunk {Name(type)}.");
            }
        }

        if (!seenHeader)
        {
            throw InvalidImageException.Truncated("The PNG file ends inside its header.");
        }

        if (layout.Header.ColorType == PngColorType.Palette && layout.Palette.IsEmpty && !(layout.EndsEarly && layout.ImageData.Count == 0))
        {
            throw InvalidImageException.Corrupt("The PNG file is a palette image without a PLTE chunk.");
        }

        return layout;
    }

    /// <summary>
    /// Identify's walk past the first IDAT: only chunk lengths are followed (no IDAT CRC is computed) to find an
    /// eXIf placed after the image data. Anything malformed ends the walk quietly; Decode reports it.
    /// </summary>
    private static ReadOnlySpan<byte> FindExifAfter(ReadOnlySpan<byte> data, int pos, ReadOnlySpan<byte> found)
    {
        while (data.Length - pos >= ChunkOverhead)
        {
            uint length = BinaryPrimitives.ReadUInt32BigEndian(data[pos..]);
            ReadOnlySpan<byte> type = data.Slice(pos + 4, 4);
            if (length > int.MaxValue || (long)pos + ChunkOverhead + length > data.Length || type.SequenceEqual("IEND"u8))
            {
                break;
            }

            if (type.SequenceEqual("eXIf"u8)
                && Crc32.Compute(data.Slice(pos + 4, (int)length + 4)) == BinaryPrimitives.ReadUInt32BigEndian(data[(pos + 8 + (int)length)..]))
            {
                found = data.Slice(pos + 8, (int)length);
            }

            pos += ChunkOverhead + (int)length;
        }

        return found;
    }

    private static ReadOnlySpan<byte> ValidPalette(PngHeader header, ReadOnlySpan<byte> body)
    {
        int entries = body.Length / 3;
        if (body.Length % 3 != 0 || entries is 0 or > 256)
        {
            throw InvalidImageException.Corrupt($"The PNG palette (PLTE) is {body.Length} bytes long, which is not 3 to 768 in steps of 3.");
        }

        if (header.ColorType == PngColorType.Palette && entries > 1 << header.BitDepth)
        {
            throw InvalidImageException.Corrupt(
                $"The PNG palette has {entries} entries; a {header.BitDepth}-bit image can use at most {1 << header.BitDepth}.");
        }

        // Gray images must not have one, true-colour ones may carry a suggestion: neither affects the pixels.
        return header.ColorType == PngColorType.Palette ? body : default;
    }

    /// <summary>tRNS is ancillary: a malformed or misplaced one is ignored, as libpng does.</summary>
    private static ReadOnlySpan<byte> ValidTransparency(PngHeader header, ReadOnlySpan<byte> body, int paletteEntries, bool afterImageData)
    {
        bool valid = !afterImageData && header.ColorType switch
        {
            PngColorType.Gray => body.Length == 2,
            PngColorType.Rgb => body.Length == 6,
            PngColorType.Palette => body.Length >= 1 && body.Length <= paletteEntries,
            _ => false,
        };
        return valid ? body : default;
    }

    private static bool IsChunkType(ReadOnlySpan<byte> type)
    {
        foreach (byte b in type)
        {
            if (!char.IsAsciiLetter((char)b))
            {
                return false;
            }
        }

        return true;
    }

    private static string Name(ReadOnlySpan<byte> type) => Encoding.ASCII.GetString(type);
}
