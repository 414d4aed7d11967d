using Likeness.Imaging.Color;

namespace Likeness.Imaging.Tests.Color;

/// <summary>Expected values marked "Pillow" were printed by Pillow 9.4 (Debian bookworm); all comparisons are exact.</summary>
public class ColorTests
{
    [Theory]
    [InlineData(255, 0, 0, 76)]
    [InlineData(0, 255, 0, 150)]
    [InlineData(0, 0, 255, 29)]
    [InlineData(10, 200, 30, 124)]
    [InlineData(1, 2, 3, 2)]
    [InlineData(200, 100, 50, 124)]
    public void Luma_matches_Pillow(byte r, byte g, byte b, byte expected) => Assert.Equal(expected, Grayscale.Luma(r, g, b));

    [Fact]
    public void Gray_round_trips_through_RGB()
    {
        byte[] luma = [.. Enumerable.Range(0, 256).Select(v => (byte)v)];
        using Image rgb = Grayscale.ToRgb(luma, 16, 16);
        Assert.Equal((byte)77, rgb.Pixels[(77 * 3) + 1]);
        byte[] back = new byte[256];
        Grayscale.FromRgb(rgb, back);
        Assert.Equal(luma, back);

        using Image rgba = rgb.ConvertTo(PixelFormat.Rgba32);
        Grayscale.FromRgb(rgba, back);
        Assert.Equal(luma, back);
    }

    [Theory]
    [InlineData(200, 100, 50, 128, 100, 50, 25)]
    [InlineData(255, 255, 255, 1, 1, 1, 1)]
    [InlineData(13, 250, 99, 254, 13, 249, 99)]
    [InlineData(77, 0, 255, 3, 1, 0, 3)]
    public void Premultiply_matches_Pillow(byte r, byte g, byte b, byte a, byte er, byte eg, byte eb)
    {
        byte[] pixel = [r, g, b, a];
        Premultiplied.Premultiply(pixel);
        Assert.Equal([er, eg, eb, a], pixel);
    }

    [Theory]
    [InlineData(100, 50, 25, 128, 199, 99, 49)]
    [InlineData(3, 2, 1, 3, 255, 170, 85)]
    [InlineData(200, 255, 0, 254, 200, 255, 0)]
    [InlineData(10, 20, 30, 0, 10, 20, 30)]
    [InlineData(90, 91, 92, 255, 90, 91, 92)]
    [InlineData(200, 10, 10, 100, 255, 25, 25)]
    public void Unpremultiply_matches_Pillow(byte r, byte g, byte b, byte a, byte er, byte eg, byte eb)
    {
        byte[] pixel = [r, g, b, a];
        Premultiplied.Unpremultiply(pixel);
        Assert.Equal([er, eg, eb, a], pixel);
    }

    [Fact]
    public void MulDiv255_is_exact_rounding_for_every_pair()
    {
        for (int a = 0; a < 256; a++)
        {
            for (int b = 0; b < 256; b++)
            {
                Assert.Equal((byte)Math.Round(a * b / 255.0, MidpointRounding.AwayFromZero), Premultiplied.MulDiv255(a, b));
            }
        }
    }

    [Theory]
    [InlineData(200, 100, 50, 128, 255, 255, 255, 227, 177, 152)]
    [InlineData(10, 20, 30, 0, 1, 2, 3, 1, 2, 3)]
    [InlineData(10, 20, 30, 255, 1, 2, 3, 10, 20, 30)]
    [InlineData(90, 180, 45, 77, 17, 128, 250, 39, 144, 188)]
    public void Composite_matches_Pillow(byte r, byte g, byte b, byte a, byte br, byte bg, byte bb, byte er, byte eg, byte eb)
    {
        using Image image = Image.FromPixels(1, 1, PixelFormat.Rgba32, [r, g, b, a]);
        using Image flat = AlphaComposite.OverBackground(image, br, bg, bb);
        Assert.Equal(PixelFormat.Rgb24, flat.Format);
        Assert.Equal([er, eg, eb], flat.Pixels.ToArray());
    }

    /// <summary>Every colour and alpha against Pillow's own 7-bit <c>alpha_composite</c> arithmetic (opaque background).</summary>
    [Fact]
    public void Composite_equals_Pillow_arithmetic_everywhere()
    {
        byte[] rgba = new byte[256 * 256 * 4];
        for (int a = 0; a < 256; a++)
        {
            for (int c = 0; c < 256; c++)
            {
                rgba.AsSpan(((a * 256) + c) * 4, 4).Fill((byte)c);
                rgba[(((a * 256) + c) * 4) + 3] = (byte)a;
            }
        }

        byte[] rgb = new byte[256 * 256 * 3];
        foreach (byte background in new byte[] { 0, 1, 128, 254, 255 })
        {
            AlphaComposite.OverBackground(rgba, rgb, background, background, background);
            for (int i = 0; i < 256 * 256; i++)
            {
                Assert.Equal(PillowComposite(rgba[4 * i], background, rgba[(4 * i) + 3]), rgb[3 * i]);
            }
        }
    }

    // libImaging/AlphaComposite.c with destination alpha 255.
    private static byte PillowComposite(int source, int background, int alpha)
    {
        const int PrecisionBits = 7;
        if (alpha == 0)
        {
            return (byte)background;
        }

        uint outAlpha255 = (uint)((alpha * 255) + (255 * (255 - alpha)));
        uint coef1 = (uint)(alpha * 255 * 255 * (1 << PrecisionBits)) / outAlpha255;
        uint coef2 = (255 * (1 << PrecisionBits)) - coef1;
        uint tmp = ((uint)source * coef1) + ((uint)background * coef2) + (0x80 << PrecisionBits);
        return (byte)((((tmp >> 8) + tmp) >> 8) >> PrecisionBits);
    }
}
