namespace Likeness.Imaging.Color;

/// <summary>
/// Flattens RGBA onto an opaque background colour, for formats without alpha (JPEG, PPM). Each channel is
/// <c>round((c * a + bg * (255 - a)) / 255)</c>, which equals Pillow's <c>Image.alpha_composite(background, image)</c>
/// over an opaque background (checked against Pillow 9.4 for every colour and alpha on three backgrounds).
/// </summary>
public static class AlphaComposite
{
    /// <summary>Returns a new RGB image: <paramref name="image"/> over the colour (<paramref name="r"/>, <paramref name="g"/>, <paramref name="b"/>).</summary>
    public static Image OverBackground(Image image, byte r, byte g, byte b)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Format == PixelFormat.Rgb24)
        {
            return image.Clone();
        }

        Image result = Image.CreateUninitialized(image.Width, image.Height, PixelFormat.Rgb24);
        OverBackground(image.Pixels, result.Pixels, r, g, b);
        return result;
    }

    /// <summary>Composites RGBA pixels onto the background into RGB pixels (<paramref name="rgb"/> holds 3 bytes per pixel).</summary>
    public static void OverBackground(ReadOnlySpan<byte> rgba, Span<byte> rgb, byte r, byte g, byte b)
    {
        int pixels = rgba.Length / 4;
        if (rgba.Length % 4 != 0 || rgb.Length < pixels * 3)
        {
            throw new ArgumentException("Source must be whole RGBA pixels and the destination must hold their RGB.", nameof(rgb));
        }

        for (int i = 0; i < pixels; i++)
        {
            int a = rgba[(4 * i) + 3];
            int inverse = 255 - a;
            rgb[3 * i] = Blend(rgba[4 * i], r, a, inverse);
            rgb[(3 * i) + 1] = Blend(rgba[(4 * i) + 1], g, a, inverse);
            rgb[(3 * i) + 2] = Blend(rgba[(4 * i) + 2], b, a, inverse);
        }
    }

    private static byte Blend(int color, int background, int alpha, int inverse) =>
        (byte)(((color * alpha) + (background * inverse) + 127) / 255);
}
