using System.Buffers.Binary;

namespace Likeness.Imaging.Metadata;

/// <summary>
/// Reads the orientation (tag 0x0112 of IFD0) from an EXIF block. Format-neutral: it takes the TIFF structure
/// itself, which a JPEG carries in APP1 after "Exif\0\0" and a PNG carries in its eXIf chunk. Every read is
/// bounds-checked and nothing throws: a damaged or missing block simply means orientation 1.
/// </summary>
internal static class ExifReader
{
    /// <summary>The orientation of an image with no (valid) EXIF: stored upright.</summary>
    public const int DefaultOrientation = 1;

    private const ushort OrientationTag = 0x0112;
    private const ushort TypeShort = 3;
    private const ushort TypeLong = 4;

    /// <summary>The EXIF orientation (1..8) in a JPEG APP1 payload, or 1 when it is not EXIF or is invalid.</summary>
    public static int ReadOrientationFromJpegApp1(ReadOnlySpan<byte> payload) =>
        payload.StartsWith("Exif\0\0"u8) ? ReadOrientation(payload[6..]) : DefaultOrientation;

    /// <summary>The EXIF orientation (1..8) in a PNG eXIf body; a leading "Exif\0\0" (some writers add it; Pillow 9.4 then reads no EXIF at all) is skipped.</summary>
    public static int ReadOrientationFromPngExif(ReadOnlySpan<byte> body) =>
        ReadOrientation(body.StartsWith("Exif\0\0"u8) ? body[6..] : body);

    /// <summary>The EXIF orientation (1..8) in a WebP EXIF chunk: the TIFF block, sometimes after an "Exif\0\0" that writers add, as in PNG.</summary>
    public static int ReadOrientationFromWebPExif(ReadOnlySpan<byte> body) => ReadOrientationFromPngExif(body);

    /// <summary>The EXIF orientation (1..8) in a TIFF-structured block, or 1 when absent or invalid.</summary>
    public static int ReadOrientation(ReadOnlySpan<byte> tiff)
    {
        if (tiff.Length < 8)
        {
            return DefaultOrientation;
        }

        bool little;
        if (tiff.StartsWith("II"u8))
        {
            little = true;
        }
        else if (tiff.StartsWith("MM"u8))
        {
            little = false;
        }
        else
        {
            return DefaultOrientation;
        }

        if (Read16(tiff, 2, little) != 42)
        {
            return DefaultOrientation;
        }

        uint ifd = Read32(tiff, 4, little);
        if (ifd < 8 || ifd > (uint)tiff.Length - 2)
        {
            return DefaultOrientation;
        }

        int entries = Read16(tiff, (int)ifd, little);
        for (int i = 0; i < entries; i++)
        {
            long at = ifd + 2 + (12L * i);
            if (at + 12 > tiff.Length)
            {
                break;
            }

            int entry = (int)at;
            if (Read16(tiff, entry, little) != OrientationTag)
            {
                continue;
            }

            ushort type = Read16(tiff, entry + 2, little);
            uint count = Read32(tiff, entry + 4, little);
            long value = type switch
            {
                TypeShort when count >= 1 => Read16(tiff, entry + 8, little),
                TypeLong when count >= 1 => Read32(tiff, entry + 8, little),
                _ => 0,
            };
            return value is >= 1 and <= 8 ? (int)value : DefaultOrientation;
        }

        return DefaultOrientation;
    }

    private static ushort Read16(ReadOnlySpan<byte> data, int offset, bool little) => little
        ? BinaryPrimitives.ReadUInt16LittleEndian(data[offset..])
        : BinaryPrimitives.ReadUInt16BigEndian(data[offset..]);

    private static uint Read32(ReadOnlySpan<byte> data, int offset, bool little) => little
        ? BinaryPrimitives.ReadUInt32LittleEndian(data[offset..])
        : BinaryPrimitives.ReadUInt32BigEndian(data[offset..]);
}
