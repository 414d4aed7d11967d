namespace Likeness.Imaging.Codecs.Jpeg.Decoding;

/// <summary>
/// Converts rows of full-resolution component samples to interleaved RGB24. YCbCr uses libjpeg's jdcolor.c
/// fixed-point tables (16 fraction bits, rounding folded into the tables) so results match djpeg exactly.
/// CMYK (and YCCK, first turned into CMYK as libjpeg's ycck_cmyk_convert does) follows Pillow's cmyk2rgb on the
/// values as stored (Adobe files store them inverted, so no inversion is applied): R = K − (255 − C)·K/255 with
/// Pillow's rounding, which is R ≈ C·K/255.
/// </summary>
internal static class ColorConverter
{
    private const int ScaleBits = 16;
    private const int OneHalf = 1 << (ScaleBits - 1);

    private static readonly int[] CrToR = BuildTable(1.40200, rounded: true);
    private static readonly int[] CbToB = BuildTable(1.77200, rounded: true);
    private static readonly int[] CrToG = BuildTable(-0.71414, rounded: false);
    private static readonly int[] CbToG = BuildTable(-0.34414, rounded: false, bias: OneHalf);

    /// <summary>Converts <paramref name="width"/> pixels of one row.</summary>
    public static void ConvertRow(
        ColorType colorType,
        ReadOnlySpan<byte> c0,
        ReadOnlySpan<byte> c1,
        ReadOnlySpan<byte> c2,
        ReadOnlySpan<byte> c3,
        Span<byte> rgb,
        int width)
    {
        switch (colorType)
        {
            case ColorType.Gray:
                GrayToRgb(c0[..width], rgb);
                break;
            case ColorType.Rgb:
                Interleave(c0[..width], c1[..width], c2[..width], rgb);
                break;
            case ColorType.YCbCr:
                YccToRgb(c0[..width], c1[..width], c2[..width], rgb);
                break;
            case ColorType.Cmyk:
                CmykToRgb(c0[..width], c1[..width], c2[..width], c3[..width], rgb, ycck: false);
                break;
            default:
                CmykToRgb(c0[..width], c1[..width], c2[..width], c3[..width], rgb, ycck: true);
                break;
        }
    }

    private static void GrayToRgb(ReadOnlySpan<byte> y, Span<byte> rgb)
    {
        rgb = rgb[..(3 * y.Length)];
        for (int i = 0; i < y.Length; i++)
        {
            byte v = y[i];
            rgb[3 * i] = v;
            rgb[(3 * i) + 1] = v;
            rgb[(3 * i) + 2] = v;
        }
    }

    private static void Interleave(ReadOnlySpan<byte> r, ReadOnlySpan<byte> g, ReadOnlySpan<byte> b, Span<byte> rgb)
    {
        rgb = rgb[..(3 * r.Length)];
        for (int i = 0; i < r.Length; i++)
        {
            rgb[3 * i] = r[i];
            rgb[(3 * i) + 1] = g[i];
            rgb[(3 * i) + 2] = b[i];
        }
    }

    /// <summary>The scalar reference for YCbCr: jdcolor.c ycc_rgb_convert.</summary>
    internal static void YccToRgb(ReadOnlySpan<byte> y, ReadOnlySpan<byte> cb, ReadOnlySpan<byte> cr, Span<byte> rgb)
    {
        rgb = rgb[..(3 * y.Length)];
        cb = cb[..y.Length];
        cr = cr[..y.Length];
        for (int i = 0; i < y.Length; i++)
        {
            int luma = y[i];
            int blue = cb[i];
            int red = cr[i];
            rgb[3 * i] = Clamp(luma + CrToR[red]);
            rgb[(3 * i) + 1] = Clamp(luma + ((CbToG[blue] + CrToG[red]) >> ScaleBits));
            rgb[(3 * i) + 2] = Clamp(luma + CbToB[blue]);
        }
    }

    private static void CmykToRgb(
        ReadOnlySpan<byte> c0, ReadOnlySpan<byte> c1, ReadOnlySpan<byte> c2, ReadOnlySpan<byte> k, Span<byte> rgb, bool ycck)
    {
        rgb = rgb[..(3 * k.Length)];
        for (int i = 0; i < k.Length; i++)
        {
            int c = c0[i];
            int m = c1[i];
            int ye = c2[i];
            if (ycck)
            {
                // ycck_cmyk_convert: CMY = 255 - RGB(YCC).
                int luma = c;
                c = 255 - Clamp(luma + CrToR[ye]);
                m = 255 - Clamp(luma + ((CbToG[m] + CrToG[ye]) >> ScaleBits));
                ye = 255 - Clamp(luma + CbToB[c1[i]]);
            }

            int black = k[i];
            rgb[3 * i] = InkToRgb(c, black);
            rgb[(3 * i) + 1] = InkToRgb(m, black);
            rgb[(3 * i) + 2] = InkToRgb(ye, black);
        }
    }

    /// <summary>Pillow's cmyk2rgb on the inverted ("CMYK;I") samples: nk − MULDIV255(255 − s, nk) with nk = k.</summary>
    private static byte InkToRgb(int stored, int black)
    {
        int tmp = ((255 - stored) * black) + 128;
        return (byte)(black - (((tmp >> 8) + tmp) >> 8));
    }

    private static byte Clamp(int v) => (byte)Math.Clamp(v, 0, 255);

    private static int[] BuildTable(double factor, bool rounded, int bias = 0)
    {
        var table = new int[256];
        int fix = (int)((Math.Abs(factor) * (1 << ScaleBits)) + 0.5) * Math.Sign(factor);
        for (int i = 0; i < 256; i++)
        {
            int x = i - 128;
            table[i] = rounded ? ((fix * x) + OneHalf) >> ScaleBits : (fix * x) + bias;
        }

        return table;
    }
}
