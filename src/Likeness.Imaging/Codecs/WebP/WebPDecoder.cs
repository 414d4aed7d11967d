using Likeness.Imaging.Codecs.WebP.Lossless;
using Likeness.Imaging.Codecs.WebP.Lossy;

namespace Likeness.Imaging.Codecs.WebP;

/// <summary>
/// WebP entry point. <see cref="Identify"/> reads the container for any WebP; <see cref="Decode"/> decodes still
/// lossless (VP8L) and lossy (VP8, with an ALPH alpha plane) images, and refuses animations with a message that says so.
/// </summary>
internal static class WebPDecoder
{
    /// <summary>Reads the header facts and checks them against <paramref name="limits"/>.</summary>
    public static ImageInfo Identify(ReadOnlySpan<byte> data, ImageLimits limits)
    {
        WebPHeader header = WebPContainer.Parse(data);
        limits.EnsureWithin(header.Width, header.Height, 4);
        return Info(header);
    }

    /// <summary>Decodes a still WebP, lossless or lossy (with its ALPH alpha); animated files are refused.</summary>
    public static DecodedImage Decode(ReadOnlySpan<byte> data, ImageLimits limits)
    {
        WebPHeader header = WebPContainer.Parse(data);
        if (header.Animated)
        {
            throw InvalidImageException.Unsupported(
                "Animated WebP is not supported; extract a frame (for example with anim_dump) or convert to PNG first.");
        }

        Image image = header.Lossless ? DecodeLossless(data, header, limits) : DecodeLossy(data, header, limits);
        return new DecodedImage(image, Info(header), isTruncated: false);
    }

    private static Image DecodeLossless(ReadOnlySpan<byte> data, WebPHeader header, ImageLimits limits)
    {
        long budget = LosslessBudget(header, limits);
        PixelFormat format = Format(header);
        uint[] argb = Vp8LDecoder.Decode(data.Slice(header.BitstreamOffset, header.BitstreamLength), header.Width, header.Height, budget);
        Image image = Image.CreateUninitialized(header.Width, header.Height, format);
        ToBytes(argb, image.Pixels, format.BytesPerPixel());
        return image;
    }

    private static Image DecodeLossy(ReadOnlySpan<byte> data, WebPHeader header, ImageLimits limits)
    {
        EnsureLossyWithin(header, limits);
        PixelFormat format = Format(header);
        byte[]? alpha = null;
        if (header.Alpha is RiffChunk alphChunk)
        {
            alpha = WebPAlpha.Decode(data.Slice(alphChunk.Offset, alphChunk.Length), header.Width, header.Height, AlphaBudget(header, limits));
        }

        using Vp8Planes planes = Vp8Decoder.Decode(data.Slice(header.BitstreamOffset, header.BitstreamLength), header.Width, header.Height, SimdLevels.BestX86);
        Image image = Image.CreateUninitialized(header.Width, header.Height, format);
        try
        {
            Span<byte> pixels = image.Pixels;
            int step = format.BytesPerPixel();
            Vp8YuvToRgb.Convert(planes, pixels, step, SimdLevels.BestX86);
            if (alpha is not null)
            {
                PutAlpha(alpha, pixels);
            }

            return image;
        }
        catch
        {
            image.Dispose();
            throw;
        }
    }

    /// <summary>The rows' layout: RGBA when the file declares transparency, else RGB.</summary>
    internal static PixelFormat Format(WebPHeader header) => header.HasAlpha ? PixelFormat.Rgba32 : PixelFormat.Rgb24;

    /// <summary>
    /// Checks a lossless image against <paramref name="limits"/> and returns the lossless decoder's budget. Working
    /// memory: the output, the ARGB image, the decoder's ring of pixels and the codes.
    /// </summary>
    internal static long LosslessBudget(WebPHeader header, ImageLimits limits)
    {
        limits.EnsureWithin(header.Width, header.Height, 4 + 8);
        return limits.MaxMemoryBytes - ((long)header.Width * header.Height * Format(header).BytesPerPixel());
    }

    /// <summary>The lossless decoder's budget for the ALPH plane of a lossy image (after the output and the planes).</summary>
    internal static long AlphaBudget(WebPHeader header, ImageLimits limits) =>
        limits.MaxMemoryBytes - (long)(header.Width * (double)header.Height * (Format(header).BytesPerPixel() + 1.5 + 1));

    /// <summary>ARGB pixels into RGB (<paramref name="step"/> 3) or RGBA (4) bytes.</summary>
    internal static void ToBytes(ReadOnlySpan<uint> argb, Span<byte> pixels, int step)
    {
        for (int i = 0, o = 0; i < argb.Length; i++, o += step)
        {
            uint p = argb[i];
            pixels[o] = (byte)(p >> 16);
            pixels[o + 1] = (byte)(p >> 8);
            pixels[o + 2] = (byte)p;
            if (step == 4)
            {
                pixels[o + 3] = (byte)(p >> 24);
            }
        }
    }

    /// <summary>Alpha bytes into the fourth byte of RGBA pixels.</summary>
    internal static void PutAlpha(ReadOnlySpan<byte> alpha, Span<byte> pixels)
    {
        for (int i = 0, o = 3; o < pixels.Length; i++, o += 4)
        {
            pixels[o] = alpha[i];
        }
    }

    /// <summary>
    /// Checks a lossy image against <paramref name="limits"/> as its whole decode needs: the output, the padded 4:2:0
    /// planes (1.5 bytes a pixel) and, with alpha, its plane and the lossless decoder's ARGB planes for it. A read by
    /// rows checks the same, so a file refused whole is refused by rows with the same error.
    /// </summary>
    internal static void EnsureLossyWithin(WebPHeader header, ImageLimits limits)
    {
        double perPixel = Format(header).BytesPerPixel() + 1.5 + (header.Alpha is null ? 0 : 1 + 8);
        limits.EnsureWithin(header.Width, header.Height, perPixel);
    }

    /// <summary>The header facts <see cref="Identify"/> and <see cref="Decode"/> report.</summary>
    internal static ImageInfo Info(WebPHeader header) => new()
    {
        Format = ImageFormat.WebP,
        Width = header.Width,
        Height = header.Height,
        BitDepth = 8,
        ColorType = header.HasAlpha ? ColorType.Rgba : ColorType.Rgb,
        Channels = header.HasAlpha ? 4 : 3,
        HasAlpha = header.HasAlpha,
        Lossless = header.Lossless,
        Animated = header.Animated,
        ExifOrientation = header.ExifOrientation,
    };
}
