using Likeness.Imaging.Codecs.Jpeg.Encoding;
using Likeness.Imaging.Codecs.Png;
using Likeness.Imaging.Codecs.Pnm;

namespace Likeness.Imaging;

/// <summary>Writes images as PNG, JPEG or PPM.</summary>
public static class ImageEncoder
{
    /// <summary>Encodes <paramref name="image"/> in <paramref name="format"/> to <paramref name="output"/>.</summary>
    public static void Encode(Image image, ImageFormat format, Stream output, EncodeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(output);
        options ??= EncodeOptions.Default;
        switch (format)
        {
            case ImageFormat.Pnm:
                PnmEncoder.Encode(image, output);
                break;
            case ImageFormat.Png:
                PngEncoder.Encode(image, output, options);
                break;
            case ImageFormat.Jpeg:
                JpegEncoder.Encode(image, output, options);
                break;
            default:
                throw InvalidImageException.Unsupported(
                    $"Writing {FormatSniffer.DisplayName(format)} is not supported; use .png, .jpg or .ppm.");
        }
    }

    /// <summary>Encodes to a byte array.</summary>
    public static byte[] EncodeToBytes(Image image, ImageFormat format, EncodeOptions? options = null)
    {
        using var stream = new MemoryStream();
        Encode(image, format, stream, options);
        return stream.ToArray();
    }

    /// <summary>
    /// Encodes to a file, in the format its extension names. The file is written to a temporary name and moved
    /// into place, so a failure never leaves a half-written image behind.
    /// </summary>
    public static void EncodeFile(Image image, string path, EncodeOptions? options = null)
    {
        ImageFormat format = FormatSniffer.FromExtension(path);
        string full = Path.GetFullPath(path);
        string temp = full + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                Encode(image, format, stream, options);
            }

            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
