using Likeness.Imaging.Codecs.WebP.Lossless;

namespace Likeness.Imaging.Codecs.WebP;

/// <summary>
/// WebP entry point. <see cref="Identify"/> reads the container for any WebP; <see cref="Decode"/> decodes still
/// lossless (VP8L) images and refuses lossy (VP8) and animated files with a message that says which.
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

    /// <summary>Decodes a still lossless WebP; animated and lossy files are refused with a message that says so.</summary>
    public static DecodedImage Decode(ReadOnlySpan<byte> data, ImageLimits limits)
    {
        WebPHeader header = WebPContainer.Parse(data);
        if (header.Animated)
        {
            throw InvalidImageException.Unsupported(
                "Animated WebP is not supported; extract a frame (for example with anim_dump) or convert to PNG first.");
        }

        if (!header.Lossless)
        {
            throw InvalidImageException.Unsupported("Lossy WebP is not supported yet; convert to PNG first (dwebp FILE -o FILE.png).");
        }

        // Working memory: the output, two ARGB planes (one more when colour indexing widens the image) and the codes.
        limits.EnsureWithin(header.Width, header.Height, 4 + 8);
        PixelFormat format = header.HasAlpha ? PixelFormat.Rgba32 : PixelFormat.Rgb24;
        long budget = limits.MaxMemoryBytes - ((long)header.Width * header.Height * format.BytesPerPixel());
        uint[] argb = Vp8LDecoder.Decode(data.Slice(header.BitstreamOffset, header.BitstreamLength), header.Width, header.Height, budget);
        Image image = Image.CreateUninitialized(header.Width, header.Height, format);
        Span<byte> pixels = image.Pixels;
        int step = format.BytesPerPixel();
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

        return new DecodedImage(image, Info(header), isTruncated: false);
    }

    private static ImageInfo Info(WebPHeader header) => new()
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
    };
}
