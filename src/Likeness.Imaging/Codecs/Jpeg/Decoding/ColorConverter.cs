using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Likeness.Imaging.Codecs.Jpeg.Decoding;

/// <summary>
/// Converts rows of full-resolution component samples to interleaved RGB24. YCbCr uses libjpeg's jdcolor.c
/// fixed-point tables (16 fraction bits, rounding folded into the tables) so results match djpeg exactly.
/// CMYK (and YCCK, first turned into CMYK as libjpeg's ycck_cmyk_convert does) follows Pillow's cmyk2rgb on the
/// values as stored (Adobe files store them inverted, so no inversion is applied): R = K − (255 − C)·K/255 with
/// Pillow's rounding, which is R ≈ C·K/255. The AVX-512 and AVX2 paths compute the very same integers 16 pixels
/// at a time and interleave with byte shuffles; the scalar paths are the reference.
/// </summary>
internal static class ColorConverter
{
    private const int ScaleBits = 16;
    private const int OneHalf = 1 << (ScaleBits - 1);

    // jdcolor.c's FIX(x) = x * 2^16 rounded, sign applied afterwards as libjpeg writes -FIX(0.71414).
    private const int FixCrToR = 91881;
    private const int FixCbToB = 116130;
    private const int FixCrToG = -46802;
    private const int FixCbToG = -22554;

    private static readonly int[] CrToR = BuildTable(FixCrToR, rounded: true);
    private static readonly int[] CbToB = BuildTable(FixCbToB, rounded: true);
    private static readonly int[] CrToG = BuildTable(FixCrToG, rounded: false);
    private static readonly int[] CbToG = BuildTable(FixCbToG, rounded: false, bias: OneHalf);

    /// <summary>pshufb masks spreading 16 bytes of one channel over 48 interleaved bytes (0x80 = zero).</summary>
    private static readonly Vector128<byte>[] InterleaveMasks = BuildInterleaveMasks();

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
        int i = Ssse3.IsSupported ? InterleaveSsse3(y, y, y, rgb) : 0;
        for (; i < y.Length; i++)
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
        int i = Ssse3.IsSupported ? InterleaveSsse3(r, g, b, rgb) : 0;
        for (; i < r.Length; i++)
        {
            rgb[3 * i] = r[i];
            rgb[(3 * i) + 1] = g[i];
            rgb[(3 * i) + 2] = b[i];
        }
    }

    /// <summary>YCbCr to RGB, vectorised where the CPU allows.</summary>
    internal static void YccToRgb(ReadOnlySpan<byte> y, ReadOnlySpan<byte> cb, ReadOnlySpan<byte> cr, Span<byte> rgb)
    {
        int done = Avx512F.IsSupported ? YccToRgbAvx512(y, cb, cr, rgb) : Avx2.IsSupported ? YccToRgbAvx2(y, cb, cr, rgb) : 0;
        YccToRgbScalar(y[done..], cb[done..], cr[done..], rgb[(3 * done)..]);
    }

    /// <summary>The scalar reference for YCbCr: jdcolor.c ycc_rgb_convert.</summary>
    internal static void YccToRgbScalar(ReadOnlySpan<byte> y, ReadOnlySpan<byte> cb, ReadOnlySpan<byte> cr, Span<byte> rgb)
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

    /// <summary>The ycc_rgb_convert arithmetic on 16 pixels at a time; returns how many pixels it did.</summary>
    internal static unsafe int YccToRgbAvx2(ReadOnlySpan<byte> y, ReadOnlySpan<byte> cb, ReadOnlySpan<byte> cr, Span<byte> rgb)
    {
        int n = Math.Min(y.Length, Math.Min(cb.Length, Math.Min(cr.Length, rgb.Length / 3)));
        int i = 0;
        fixed (byte* py = y, pcb = cb, pcr = cr, prgb = rgb)
        {
            for (; i + 16 <= n; i += 16)
            {
                (Vector256<int> r0, Vector256<int> g0, Vector256<int> b0) = Ycc8(py + i, pcb + i, pcr + i);
                (Vector256<int> r1, Vector256<int> g1, Vector256<int> b1) = Ycc8(py + i + 8, pcb + i + 8, pcr + i + 8);
                Store48(prgb + (3 * i), ToBytes(r0, r1), ToBytes(g0, g1), ToBytes(b0, b1));
            }
        }

        return i;
    }

    /// <summary>The same arithmetic with one 16-lane vector per channel; vpmovusdb narrows (after clamping at 0).</summary>
    internal static unsafe int YccToRgbAvx512(ReadOnlySpan<byte> y, ReadOnlySpan<byte> cb, ReadOnlySpan<byte> cr, Span<byte> rgb)
    {
        int n = Math.Min(y.Length, Math.Min(cb.Length, Math.Min(cr.Length, rgb.Length / 3)));
        int i = 0;
        Vector512<int> center = Vector512.Create(128);
        Vector512<int> half = Vector512.Create(OneHalf);
        fixed (byte* py = y, pcb = cb, pcr = cr, prgb = rgb)
        {
            for (; i + 16 <= n; i += 16)
            {
                Vector512<int> luma = Avx512F.ConvertToVector512Int32(Sse2.LoadVector128(py + i));
                Vector512<int> blue = Avx512F.ConvertToVector512Int32(Sse2.LoadVector128(pcb + i)) - center;
                Vector512<int> red = Avx512F.ConvertToVector512Int32(Sse2.LoadVector128(pcr + i)) - center;
                Vector512<int> r = luma + Vector512.ShiftRightArithmetic((red * FixCrToR) + half, ScaleBits);
                Vector512<int> g = luma + Vector512.ShiftRightArithmetic((blue * FixCbToG) + (red * FixCrToG) + half, ScaleBits);
                Vector512<int> b = luma + Vector512.ShiftRightArithmetic((blue * FixCbToB) + half, ScaleBits);
                Store48(prgb + (3 * i), ToBytes(r), ToBytes(g), ToBytes(b));
            }
        }

        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> ToBytes(Vector512<int> v) =>
        Avx512F.ConvertToVector128ByteWithSaturation(Vector512.Max(v, Vector512<int>.Zero).AsUInt32());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe (Vector256<int> R, Vector256<int> G, Vector256<int> B) Ycc8(byte* y, byte* cb, byte* cr)
    {
        Vector256<int> center = Vector256.Create(128);
        Vector256<int> half = Vector256.Create(OneHalf);
        Vector256<int> luma = Avx2.ConvertToVector256Int32(y);
        Vector256<int> blue = Avx2.ConvertToVector256Int32(cb) - center;
        Vector256<int> red = Avx2.ConvertToVector256Int32(cr) - center;
        Vector256<int> r = luma + Vector256.ShiftRightArithmetic((red * FixCrToR) + half, ScaleBits);
        Vector256<int> g = luma + Vector256.ShiftRightArithmetic((blue * FixCbToG) + (red * FixCrToG) + half, ScaleBits);
        Vector256<int> b = luma + Vector256.ShiftRightArithmetic((blue * FixCbToB) + half, ScaleBits);
        return (r, g, b);
    }

    /// <summary>Narrows 16 ints to bytes in order, saturating (which is the clamp to 0..255).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> ToBytes(Vector256<int> lower, Vector256<int> upper)
    {
        // vpackssdw interleaves 128-bit lanes; vpermq puts the four quarters back in order.
        Vector256<short> words = Avx2.Permute4x64(Avx2.PackSignedSaturate(lower, upper).AsInt64(), 0b11_01_10_00).AsInt16();
        return Sse2.PackUnsignedSaturate(words.GetLower(), words.GetUpper());
    }

    private static unsafe int InterleaveSsse3(ReadOnlySpan<byte> r, ReadOnlySpan<byte> g, ReadOnlySpan<byte> b, Span<byte> rgb)
    {
        int n = Math.Min(r.Length, Math.Min(g.Length, Math.Min(b.Length, rgb.Length / 3)));
        int i = 0;
        fixed (byte* pr = r, pg = g, pb = b, prgb = rgb)
        {
            for (; i + 16 <= n; i += 16)
            {
                Store48(prgb + (3 * i), Sse2.LoadVector128(pr + i), Sse2.LoadVector128(pg + i), Sse2.LoadVector128(pb + i));
            }
        }

        return i;
    }

    /// <summary>Writes 16 pixels of separate R, G, B bytes as 48 interleaved bytes (SSSE3; the WebP converter uses it too).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static unsafe void Store48(byte* dst, Vector128<byte> r, Vector128<byte> g, Vector128<byte> b)
    {
        ReadOnlySpan<Vector128<byte>> m = InterleaveMasks;
        Sse2.Store(dst, Ssse3.Shuffle(r, m[0]) | Ssse3.Shuffle(g, m[1]) | Ssse3.Shuffle(b, m[2]));
        Sse2.Store(dst + 16, Ssse3.Shuffle(r, m[3]) | Ssse3.Shuffle(g, m[4]) | Ssse3.Shuffle(b, m[5]));
        Sse2.Store(dst + 32, Ssse3.Shuffle(r, m[6]) | Ssse3.Shuffle(g, m[7]) | Ssse3.Shuffle(b, m[8]));
    }

    private static Vector128<byte>[] BuildInterleaveMasks()
    {
        var masks = new Vector128<byte>[9];
        Span<byte> mask = stackalloc byte[16];
        for (int k = 0; k < 3; k++)
        {
            for (int channel = 0; channel < 3; channel++)
            {
                for (int t = 0; t < 16; t++)
                {
                    int j = (16 * k) + t;
                    mask[t] = j % 3 == channel ? (byte)(j / 3) : (byte)0x80;
                }

                masks[(3 * k) + channel] = Vector128.Create<byte>(mask);
            }
        }

        return masks;
    }

    private static byte Clamp(int v) => (byte)Math.Clamp(v, 0, 255);

    private static int[] BuildTable(int fix, bool rounded, int bias = 0)
    {
        var table = new int[256];
        for (int i = 0; i < 256; i++)
        {
            int x = i - 128;
            table[i] = rounded ? ((fix * x) + OneHalf) >> ScaleBits : (fix * x) + bias;
        }

        return table;
    }
}
