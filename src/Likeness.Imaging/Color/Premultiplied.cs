namespace Likeness.Imaging.Color;

/// <summary>
/// Conversions between straight RGBA and premultiplied RGBA (Pillow's <c>RGBa</c> mode), with Pillow's exact
/// integer rounding (<c>libImaging/Convert.c</c>, <c>rgbA2rgba</c> and <c>rgba2rgbA</c>), so that resizing an
/// RGBA image matches <c>Image.resize</c>, which resizes in <c>RGBa</c>.
/// </summary>
public static class Premultiplied
{
    /// <summary>
    /// Multiplies R, G and B of each RGBA pixel by its alpha / 255, rounded as Pillow's <c>MULDIV255</c>, in place.
    /// </summary>
    public static void Premultiply(Span<byte> rgba)
    {
        EnsureWholePixels(rgba);
        for (int i = 0; i < rgba.Length; i += 4)
        {
            int alpha = rgba[i + 3];
            rgba[i] = MulDiv255(rgba[i], alpha);
            rgba[i + 1] = MulDiv255(rgba[i + 1], alpha);
            rgba[i + 2] = MulDiv255(rgba[i + 2], alpha);
        }
    }

    /// <summary>
    /// Divides R, G and B of each premultiplied pixel by alpha / 255, in place. As Pillow does: pixels with alpha 0
    /// or 255 are left alone, the others get <c>min(255, 255 * c / alpha)</c> with the division truncated.
    /// </summary>
    public static void Unpremultiply(Span<byte> rgba)
    {
        EnsureWholePixels(rgba);
        for (int i = 0; i < rgba.Length; i += 4)
        {
            int alpha = rgba[i + 3];
            if (alpha is 0 or 255)
            {
                continue;
            }

            rgba[i] = (byte)Math.Min(255, 255 * rgba[i] / alpha);
            rgba[i + 1] = (byte)Math.Min(255, 255 * rgba[i + 1] / alpha);
            rgba[i + 2] = (byte)Math.Min(255, 255 * rgba[i + 2] / alpha);
        }
    }

    /// <summary>Pillow's <c>MULDIV255</c>: <c>a * b / 255</c> rounded to nearest, without a division.</summary>
    internal static byte MulDiv255(int a, int b)
    {
        int t = (a * b) + 128;
        return (byte)(((t >> 8) + t) >> 8);
    }

    private static void EnsureWholePixels(ReadOnlySpan<byte> rgba)
    {
        if (rgba.Length % 4 != 0)
        {
            throw new ArgumentException($"RGBA data must be whole 4-byte pixels; got {rgba.Length} bytes.", nameof(rgba));
        }
    }
}
