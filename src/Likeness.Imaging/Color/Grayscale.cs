namespace Likeness.Imaging.Color;

/// <summary>
/// RGB to luma and back, as Pillow's <c>convert("L")</c> / <c>convert("RGB")</c>. Pillow documents ITU-R 601-2
/// (<c>L = R * 299/1000 + G * 587/1000 + B * 114/1000</c>) but computes it in 16-bit fixed point,
/// <c>(19595 R + 38470 G + 7471 B + 0x8000) >> 16</c>; that is what is reproduced here, so results match Pillow
/// byte for byte (a plain /1000 floor differs on about half of all colours).
/// </summary>
public static class Grayscale
{
    /// <summary>Writes one luma byte per pixel of <paramref name="image"/> (alpha is ignored, as in Pillow).</summary>
    public static void FromRgb(Image image, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(image);
        int pixels = image.Width * image.Height;
        if (destination.Length < pixels)
        {
            throw new ArgumentException($"Destination holds {destination.Length} bytes; the image has {pixels} pixels.", nameof(destination));
        }

        ReadOnlySpan<byte> src = image.Pixels;
        int bpp = image.BytesPerPixel;
        for (int i = 0, s = 0; i < pixels; i++, s += bpp)
        {
            destination[i] = Luma(src[s], src[s + 1], src[s + 2]);
        }
    }

    /// <summary>Pillow's luma of one colour.</summary>
    public static byte Luma(byte r, byte g, byte b) => (byte)(((r * 19595) + (g * 38470) + (b * 7471) + 0x8000) >> 16);

    /// <summary>An RGB image whose three channels all equal <paramref name="luma"/> (row-major, one byte per pixel).</summary>
    public static Image ToRgb(ReadOnlySpan<byte> luma, int width, int height)
    {
        if (luma.Length != (long)width * height)
        {
            throw new ArgumentException($"Expected {(long)width * height} luma bytes for {width}x{height}, got {luma.Length}.", nameof(luma));
        }

        Image image = Image.CreateUninitialized(width, height, PixelFormat.Rgb24);
        Span<byte> dst = image.Pixels;
        for (int i = 0; i < luma.Length; i++)
        {
            dst[3 * i] = dst[(3 * i) + 1] = dst[(3 * i) + 2] = luma[i];
        }

        return image;
    }
}
