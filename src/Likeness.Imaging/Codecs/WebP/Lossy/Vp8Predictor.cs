using System.Runtime.CompilerServices;

namespace Likeness.Imaging.Codecs.WebP.Lossy;

/// <summary>
/// The VP8 intra predictors (RFC 6386 section 12) on the decoder's work buffer: the row above a block is at
/// <c>offset − Stride</c>, the column to its left at <c>offset − 1</c>, both already holding the neighbours (or the
/// 127/129 borders of the frame edge).
/// </summary>
internal static class Vp8Predictor
{
    /// <summary>Row stride of the work buffer.</summary>
    public const int Stride = 32;

    /// <summary>Fills the 16x16 luma block at <paramref name="o"/> with <paramref name="mode"/>'s prediction.</summary>
    public static void Luma16(byte[] b, int o, int mode) => Square(b, o, 16, mode, 4);

    /// <summary>Fills an 8x8 chroma block at <paramref name="o"/> with <paramref name="mode"/>'s prediction.</summary>
    public static void Chroma8(byte[] b, int o, int mode) => Square(b, o, 8, mode, 3);

    private static void Square(byte[] b, int o, int size, int mode, int log2)
    {
        switch (mode)
        {
            case Vp8Mode.Dc:
                Fill(b, o, size, (Sum(b, o - Stride, 1, size) + Sum(b, o - 1, Stride, size) + size) >> (log2 + 1));
                break;
            case Vp8Mode.DcNoTop:
                Fill(b, o, size, (Sum(b, o - 1, Stride, size) + (size >> 1)) >> log2);
                break;
            case Vp8Mode.DcNoLeft:
                Fill(b, o, size, (Sum(b, o - Stride, 1, size) + (size >> 1)) >> log2);
                break;
            case Vp8Mode.DcNoTopLeft:
                Fill(b, o, size, 0x80);
                break;
            case Vp8Mode.TrueMotion:
                TrueMotion(b, o, size);
                break;
            case Vp8Mode.Vertical:
                for (int y = 0; y < size; y++)
                {
                    Array.Copy(b, o - Stride, b, o + (y * Stride), size);
                }

                break;
            case Vp8Mode.Horizontal:
                for (int y = 0; y < size; y++)
                {
                    int row = o + (y * Stride);
                    b.AsSpan(row, size).Fill(b[row - 1]);
                }

                break;
            default:
                throw InvalidImageException.Corrupt($"The WebP lossy data uses an unknown intra mode ({mode}).");
        }
    }

    /// <summary>Fills the 4x4 luma block at <paramref name="o"/> with <paramref name="mode"/>'s prediction.</summary>
    public static void Luma4(byte[] b, int o, int mode)
    {
        switch (mode)
        {
            case Vp8Mode.Dc:
                Fill4(b, o, (Sum(b, o - Stride, 1, 4) + Sum(b, o - 1, Stride, 4) + 4) >> 3);
                break;
            case Vp8Mode.TrueMotion:
                TrueMotion(b, o, 4);
                break;
            case Vp8Mode.Vertical:
                Vertical4(b, o);
                break;
            case Vp8Mode.Horizontal:
                Horizontal4(b, o);
                break;
            case Vp8Mode.DownRight:
                DownRight4(b, o);
                break;
            case Vp8Mode.VerticalRight:
                VerticalRight4(b, o);
                break;
            case Vp8Mode.DownLeft:
                DownLeft4(b, o);
                break;
            case Vp8Mode.VerticalLeft:
                VerticalLeft4(b, o);
                break;
            case Vp8Mode.HorizontalDown:
                HorizontalDown4(b, o);
                break;
            default:
                HorizontalUp4(b, o);
                break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte Avg3(int a, int b, int c) => (byte)((a + (2 * b) + c + 2) >> 2);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte Avg2(int a, int b) => (byte)((a + b + 1) >> 1);

    private static int Sum(byte[] b, int o, int step, int count)
    {
        int sum = 0;
        for (int i = 0; i < count; i++)
        {
            sum += b[o + (i * step)];
        }

        return sum;
    }

    private static void Fill(byte[] b, int o, int size, int value)
    {
        for (int y = 0; y < size; y++)
        {
            b.AsSpan(o + (y * Stride), size).Fill((byte)value);
        }
    }

    private static void Fill4(byte[] b, int o, int value) => Fill(b, o, 4, value);

    /// <summary>Each pixel is clip(above + left − above-left).</summary>
    private static void TrueMotion(byte[] b, int o, int size)
    {
        int topLeft = b[o - Stride - 1];
        for (int y = 0; y < size; y++)
        {
            int row = o + (y * Stride);
            int delta = b[row - 1] - topLeft;
            for (int x = 0; x < size; x++)
            {
                b[row + x] = Vp8Idct.Clip8(b[o - Stride + x] + delta);
            }
        }
    }

    private static void Vertical4(byte[] b, int o)
    {
        int t = o - Stride;
        byte v0 = Avg3(b[t - 1], b[t], b[t + 1]);
        byte v1 = Avg3(b[t], b[t + 1], b[t + 2]);
        byte v2 = Avg3(b[t + 1], b[t + 2], b[t + 3]);
        byte v3 = Avg3(b[t + 2], b[t + 3], b[t + 4]);
        for (int y = 0; y < 4; y++)
        {
            int row = o + (y * Stride);
            b[row] = v0;
            b[row + 1] = v1;
            b[row + 2] = v2;
            b[row + 3] = v3;
        }
    }

    private static void Horizontal4(byte[] b, int o)
    {
        int a = b[o - 1 - Stride];
        int l0 = b[o - 1];
        int l1 = b[o - 1 + Stride];
        int l2 = b[o - 1 + (2 * Stride)];
        int l3 = b[o - 1 + (3 * Stride)];
        b.AsSpan(o, 4).Fill(Avg3(a, l0, l1));
        b.AsSpan(o + Stride, 4).Fill(Avg3(l0, l1, l2));
        b.AsSpan(o + (2 * Stride), 4).Fill(Avg3(l1, l2, l3));
        b.AsSpan(o + (3 * Stride), 4).Fill(Avg3(l2, l3, l3));
    }

    private static void Set(byte[] b, int o, int x, int y, byte v) => b[o + x + (y * Stride)] = v;

    /// <summary>The four samples left of a 4x4 block, top to bottom, and the one above-left.</summary>
    private static (int I, int J, int K, int L, int X) Left(byte[] b, int o) =>
        (b[o - 1], b[o - 1 + Stride], b[o - 1 + (2 * Stride)], b[o - 1 + (3 * Stride)], b[o - 1 - Stride]);

    /// <summary>The eight samples above a 4x4 block (the last four are the above-right ones).</summary>
    private static (int A, int B, int C, int D, int E, int F, int G, int H) Above(byte[] b, int o)
    {
        int t = o - Stride;
        return (b[t], b[t + 1], b[t + 2], b[t + 3], b[t + 4], b[t + 5], b[t + 6], b[t + 7]);
    }

    private static void DownRight4(byte[] b, int o)
    {
        var (i, j, k, l, x) = Left(b, o);
        var (a, bb, c, d, e, f, g, h) = Above(b, o);
        Set(b, o, 0, 3, Avg3(j, k, l));
        byte v = Avg3(i, j, k);
        Set(b, o, 1, 3, v); Set(b, o, 0, 2, v);
        v = Avg3(x, i, j);
        Set(b, o, 2, 3, v); Set(b, o, 1, 2, v); Set(b, o, 0, 1, v);
        v = Avg3(a, x, i);
        Set(b, o, 3, 3, v); Set(b, o, 2, 2, v); Set(b, o, 1, 1, v); Set(b, o, 0, 0, v);
        v = Avg3(bb, a, x);
        Set(b, o, 3, 2, v); Set(b, o, 2, 1, v); Set(b, o, 1, 0, v);
        v = Avg3(c, bb, a);
        Set(b, o, 3, 1, v); Set(b, o, 2, 0, v);
        Set(b, o, 3, 0, Avg3(d, c, bb));
    }

    private static void DownLeft4(byte[] b, int o)
    {
        var (i, j, k, l, x) = Left(b, o);
        var (a, bb, c, d, e, f, g, h) = Above(b, o);
        Set(b, o, 0, 0, Avg3(a, bb, c));
        byte v = Avg3(bb, c, d);
        Set(b, o, 1, 0, v); Set(b, o, 0, 1, v);
        v = Avg3(c, d, e);
        Set(b, o, 2, 0, v); Set(b, o, 1, 1, v); Set(b, o, 0, 2, v);
        v = Avg3(d, e, f);
        Set(b, o, 3, 0, v); Set(b, o, 2, 1, v); Set(b, o, 1, 2, v); Set(b, o, 0, 3, v);
        v = Avg3(e, f, g);
        Set(b, o, 3, 1, v); Set(b, o, 2, 2, v); Set(b, o, 1, 3, v);
        v = Avg3(f, g, h);
        Set(b, o, 3, 2, v); Set(b, o, 2, 3, v);
        Set(b, o, 3, 3, Avg3(g, h, h));
    }

    private static void VerticalRight4(byte[] b, int o)
    {
        var (i, j, k, l, x) = Left(b, o);
        var (a, bb, c, d, e, f, g, h) = Above(b, o);
        byte v = Avg2(x, a);
        Set(b, o, 0, 0, v); Set(b, o, 1, 2, v);
        v = Avg2(a, bb);
        Set(b, o, 1, 0, v); Set(b, o, 2, 2, v);
        v = Avg2(bb, c);
        Set(b, o, 2, 0, v); Set(b, o, 3, 2, v);
        Set(b, o, 3, 0, Avg2(c, d));
        Set(b, o, 0, 3, Avg3(k, j, i));
        Set(b, o, 0, 2, Avg3(j, i, x));
        v = Avg3(i, x, a);
        Set(b, o, 0, 1, v); Set(b, o, 1, 3, v);
        v = Avg3(x, a, bb);
        Set(b, o, 1, 1, v); Set(b, o, 2, 3, v);
        v = Avg3(a, bb, c);
        Set(b, o, 2, 1, v); Set(b, o, 3, 3, v);
        Set(b, o, 3, 1, Avg3(bb, c, d));
    }

    private static void VerticalLeft4(byte[] b, int o)
    {
        var (i, j, k, l, x) = Left(b, o);
        var (a, bb, c, d, e, f, g, h) = Above(b, o);
        Set(b, o, 0, 0, Avg2(a, bb));
        byte v = Avg2(bb, c);
        Set(b, o, 1, 0, v); Set(b, o, 0, 2, v);
        v = Avg2(c, d);
        Set(b, o, 2, 0, v); Set(b, o, 1, 2, v);
        v = Avg2(d, e);
        Set(b, o, 3, 0, v); Set(b, o, 2, 2, v);
        Set(b, o, 0, 1, Avg3(a, bb, c));
        v = Avg3(bb, c, d);
        Set(b, o, 1, 1, v); Set(b, o, 0, 3, v);
        v = Avg3(c, d, e);
        Set(b, o, 2, 1, v); Set(b, o, 1, 3, v);
        v = Avg3(d, e, f);
        Set(b, o, 3, 1, v); Set(b, o, 2, 3, v);
        Set(b, o, 3, 2, Avg3(e, f, g));
        Set(b, o, 3, 3, Avg3(f, g, h));
    }

    private static void HorizontalDown4(byte[] b, int o)
    {
        var (i, j, k, l, x) = Left(b, o);
        var (a, bb, c, d, e, f, g, h) = Above(b, o);
        byte v = Avg2(i, x);
        Set(b, o, 0, 0, v); Set(b, o, 2, 1, v);
        v = Avg2(j, i);
        Set(b, o, 0, 1, v); Set(b, o, 2, 2, v);
        v = Avg2(k, j);
        Set(b, o, 0, 2, v); Set(b, o, 2, 3, v);
        Set(b, o, 0, 3, Avg2(l, k));
        Set(b, o, 3, 0, Avg3(a, bb, c));
        Set(b, o, 2, 0, Avg3(x, a, bb));
        v = Avg3(i, x, a);
        Set(b, o, 1, 0, v); Set(b, o, 3, 1, v);
        v = Avg3(j, i, x);
        Set(b, o, 1, 1, v); Set(b, o, 3, 2, v);
        v = Avg3(k, j, i);
        Set(b, o, 1, 2, v); Set(b, o, 3, 3, v);
        Set(b, o, 1, 3, Avg3(l, k, j));
    }

    private static void HorizontalUp4(byte[] b, int o)
    {
        var (i, j, k, l, x) = Left(b, o);
        var (a, bb, c, d, e, f, g, h) = Above(b, o);
        Set(b, o, 0, 0, Avg2(i, j));
        byte v = Avg2(j, k);
        Set(b, o, 2, 0, v); Set(b, o, 0, 1, v);
        v = Avg2(k, l);
        Set(b, o, 2, 1, v); Set(b, o, 0, 2, v);
        Set(b, o, 1, 0, Avg3(i, j, k));
        v = Avg3(j, k, l);
        Set(b, o, 3, 0, v); Set(b, o, 1, 1, v);
        v = Avg3(k, l, l);
        Set(b, o, 3, 1, v); Set(b, o, 1, 2, v);
        byte ll = (byte)l;
        Set(b, o, 3, 2, ll); Set(b, o, 2, 2, ll);
        Set(b, o, 0, 3, ll); Set(b, o, 1, 3, ll); Set(b, o, 2, 3, ll); Set(b, o, 3, 3, ll);
    }
}
