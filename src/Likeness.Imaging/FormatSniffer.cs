namespace Likeness.Imaging;

/// <summary>Tells the format of a file from its first bytes; file names are never trusted.</summary>
public static class FormatSniffer
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static ReadOnlySpan<byte> JpegXlCodestream => [0xFF, 0x0A];

    private static ReadOnlySpan<byte> JpegXlContainer => [0, 0, 0, 0x0C, 0x4A, 0x58, 0x4C, 0x20, 0x0D, 0x0A, 0x87, 0x0A];

    private static ReadOnlySpan<byte> Jpeg2000Container => [0, 0, 0, 0x0C, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A];

    private static ReadOnlySpan<byte> Jpeg2000Codestream => [0xFF, 0x4F, 0xFF, 0x51];

    /// <summary>The format the leading bytes announce, or <see cref="ImageFormat.Unknown"/>.</summary>
    public static ImageFormat Detect(ReadOnlySpan<byte> data)
    {
        if (data.Length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
        {
            return ImageFormat.Jpeg;
        }

        if (data.StartsWith(PngSignature))
        {
            return ImageFormat.Png;
        }

        if (data.Length >= 2 && data[0] == (byte)'P' && data[1] is (byte)'5' or (byte)'6')
        {
            return ImageFormat.Pnm;
        }

        if (data.Length >= 12 && data.StartsWith("RIFF"u8) && data.Slice(8, 4).SequenceEqual("WEBP"u8))
        {
            return ImageFormat.WebP;
        }

        if (data.StartsWith("GIF87a"u8) || data.StartsWith("GIF89a"u8))
        {
            return ImageFormat.Gif;
        }

        if (data.StartsWith("BM"u8) && data.Length >= 14)
        {
            return ImageFormat.Bmp;
        }

        if (data.StartsWith("II*\0"u8) || data.StartsWith("MM\0*"u8))
        {
            return ImageFormat.Tiff;
        }

        if (data.Length >= 12 && data.Slice(4, 4).SequenceEqual("ftyp"u8))
        {
            ReadOnlySpan<byte> brand = data.Slice(8, 4);
            if (brand.SequenceEqual("heic"u8) || brand.SequenceEqual("heix"u8) || brand.SequenceEqual("mif1"u8)
                || brand.SequenceEqual("msf1"u8) || brand.SequenceEqual("avif"u8) || brand.SequenceEqual("avis"u8)
                || brand.SequenceEqual("hevc"u8))
            {
                return ImageFormat.Heif;
            }
        }

        if (data.StartsWith(JpegXlCodestream) || data.StartsWith(JpegXlContainer))
        {
            return ImageFormat.JpegXl;
        }

        if (data.StartsWith(Jpeg2000Container) || data.StartsWith(Jpeg2000Codestream))
        {
            return ImageFormat.Jpeg2000;
        }

        return ImageFormat.Unknown;
    }

    /// <summary>The format a file name's extension asks for when writing (.png, .jpg/.jpeg, .ppm/.pgm/.pnm).</summary>
    public static ImageFormat FromExtension(string path)
    {
        string ext = Path.GetExtension(path).ToLowerInvariant();
        return ext switch
        {
            ".png" => ImageFormat.Png,
            ".jpg" or ".jpeg" or ".jpe" or ".jfif" => ImageFormat.Jpeg,
            ".ppm" or ".pnm" or ".pgm" => ImageFormat.Pnm,
            ".webp" => ImageFormat.WebP,
            ".gif" => ImageFormat.Gif,
            ".bmp" => ImageFormat.Bmp,
            ".tif" or ".tiff" => ImageFormat.Tiff,
            ".heic" or ".heif" or ".avif" => ImageFormat.Heif,
            ".jxl" => ImageFormat.JpegXl,
            ".jp2" or ".j2k" => ImageFormat.Jpeg2000,
            _ => ImageFormat.Unknown,
        };
    }

    /// <summary>A user-facing name for a format.</summary>
    public static string DisplayName(ImageFormat format) => format switch
    {
        ImageFormat.Jpeg => "JPEG",
        ImageFormat.Png => "PNG",
        ImageFormat.Pnm => "PPM/PGM",
        ImageFormat.WebP => "WebP",
        ImageFormat.Gif => "GIF",
        ImageFormat.Bmp => "BMP",
        ImageFormat.Tiff => "TIFF",
        ImageFormat.Heif => "HEIF/AVIF",
        ImageFormat.JpegXl => "JPEG XL",
        ImageFormat.Jpeg2000 => "JPEG 2000",
        _ => "unknown",
    };
}
