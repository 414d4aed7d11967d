using Likeness.Imaging.Codecs.Jpeg.Decoding;
using Likeness.Imaging.Codecs.Png;
using Likeness.Imaging.Codecs.Pnm;
using Likeness.Imaging.Codecs.WebP;
using Likeness.Imaging.Transforms;

namespace Likeness.Imaging;

/// <summary>
/// Reads JPEG, PNG, PPM/PGM and still WebP (lossless, or lossy with alpha) from bytes or files; animated WebP is identified only.
/// The format is sniffed from the bytes. Every problem with
/// the input surfaces as <see cref="InvalidImageException"/>; limits are checked before pixels are allocated.
/// </summary>
public static class ImageDecoder
{
    /// <summary>Reads only the header.</summary>
    public static ImageInfo Identify(ReadOnlySpan<byte> data, DecodeOptions? options = null)
    {
        options ??= DecodeOptions.Default;
        EnsureInputSize(data.Length, options);
        return DetectSupported(data) switch
        {
            ImageFormat.Jpeg => JpegDecoder.Identify(data, options.Limits),
            ImageFormat.Pnm => PnmDecoder.Identify(data, options.Limits),
            ImageFormat.Png => PngDecoder.Identify(data, options.Limits),
            ImageFormat.WebP => WebPDecoder.Identify(data, options.Limits),
            var f => throw Unreachable(f),
        };
    }

    /// <summary>Decodes the pixels. The caller owns (and must dispose) the result.</summary>
    public static DecodedImage Decode(ReadOnlySpan<byte> data, DecodeOptions? options = null)
    {
        options ??= DecodeOptions.Default;
        options.Limits.Validate();
        EnsureInputSize(data.Length, options);
        DecodedImage decoded = DetectSupported(data) switch
        {
            ImageFormat.Jpeg => JpegDecoder.Decode(data, options.Limits),
            ImageFormat.Pnm => PnmDecoder.Decode(data, options.Limits),
            ImageFormat.Png => PngDecoder.Decode(data, options.Limits),
            ImageFormat.WebP => WebPDecoder.Decode(data, options.Limits),
            var f => throw Unreachable(f),
        };

        if (!options.ApplyExifOrientation || decoded.Info.ExifOrientation == 1)
        {
            return decoded;
        }

        using (decoded)
        {
            Image upright = Orientation.Apply(decoded.Image, decoded.Info.ExifOrientation);
            return new DecodedImage(upright, decoded.Info, decoded.IsTruncated) { IsProgressionIncomplete = decoded.IsProgressionIncomplete };
        }
    }

    /// <summary>Reads a file and decodes it (size checked before reading).</summary>
    public static DecodedImage DecodeFile(string path, DecodeOptions? options = null)
    {
        options ??= DecodeOptions.Default;
        return Decode(ReadFile(path, options), options);
    }

    /// <summary>Reads a file's header.</summary>
    public static ImageInfo IdentifyFile(string path, DecodeOptions? options = null)
    {
        options ??= DecodeOptions.Default;
        return Identify(ReadFile(path, options), options);
    }

    /// <summary>Reads a whole file, refusing one larger than <see cref="DecodeOptions.MaxInputBytes"/>.</summary>
    public static byte[] ReadFile(string path, DecodeOptions? options = null)
    {
        options ??= DecodeOptions.Default;
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new FileNotFoundException($"No such file: {path}", path);
        }

        EnsureInputSize(file.Length, options);
        return File.ReadAllBytes(path);
    }

    internal static ImageFormat DetectSupported(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            throw InvalidImageException.Truncated("The file is empty.");
        }

        ImageFormat format = FormatSniffer.Detect(data);
        return format switch
        {
            ImageFormat.Jpeg or ImageFormat.Png or ImageFormat.Pnm or ImageFormat.WebP => format,
            ImageFormat.Unknown when PngSignatureDamage.Describe(data) is { } damage => throw InvalidImageException.Corrupt(damage),
            ImageFormat.Unknown => throw InvalidImageException.Unsupported(
                "The file is not an image Likeness can read (expected JPEG, PNG, PPM/PGM or WebP)."),
            _ => throw InvalidImageException.Unsupported(
                $"{FormatSniffer.DisplayName(format)} images are not supported; convert to PNG or JPEG first."),
        };
    }

    internal static void EnsureInputSize(long length, DecodeOptions options)
    {
        if (length > options.MaxInputBytes)
        {
            throw new InvalidImageException(
                InvalidImageReason.LimitExceeded,
                $"The file is {length / (1 << 20):N0} MiB; the limit is {options.MaxInputBytes / (1 << 20):N0} MiB.");
        }
    }

    private static InvalidImageException Unreachable(ImageFormat format) =>
        InvalidImageException.Unsupported($"{FormatSniffer.DisplayName(format)} decoding is not available.");
}
