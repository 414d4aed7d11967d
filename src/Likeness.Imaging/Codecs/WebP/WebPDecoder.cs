namespace Likeness.Imaging.Codecs.WebP;

/// <summary>
/// WebP entry point. <see cref="Identify"/> reads the container for any WebP; pixel decoding is not implemented
/// yet, so <see cref="Decode"/> refuses each kind of WebP with a message that says which.
/// </summary>
internal static class WebPDecoder
{
    /// <summary>Reads the header facts and checks them against <paramref name="limits"/>.</summary>
    public static ImageInfo Identify(ReadOnlySpan<byte> data, ImageLimits limits)
    {
        WebPHeader header = WebPContainer.Parse(data);
        limits.EnsureWithin(header.Width, header.Height, 4);
        return new ImageInfo
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

    /// <summary>Validates the container, then refuses: no WebP bitstream decoder exists yet.</summary>
    public static DecodedImage Decode(ReadOnlySpan<byte> data, ImageLimits limits)
    {
        ImageInfo info = Identify(data, limits);
        if (info.Animated)
        {
            throw InvalidImageException.Unsupported(
                "Animated WebP is not supported; extract a frame (for example with anim_dump) or convert to PNG first.");
        }

        throw InvalidImageException.Unsupported(info.Lossless == true
            ? "Lossless WebP decoding is not supported yet; convert to PNG first (dwebp FILE -o FILE.png)."
            : "Lossy WebP is not supported yet; convert to PNG first (dwebp FILE -o FILE.png).");
    }
}
