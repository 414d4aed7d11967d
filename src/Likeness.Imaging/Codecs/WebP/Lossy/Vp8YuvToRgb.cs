using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Likeness.Imaging.Codecs.Jpeg.Decoding;

namespace Likeness.Imaging.Codecs.WebP.Lossy;

/// <summary>
/// Turns the 4:2:0 planes into RGB as dwebp does by default: "fancy" upsampling, which interpolates each chroma
/// sample from its four nearest neighbours with weights 9/3/3/1, then libwebp's 14-bit fixed-point BT.601
/// conversion (<c>VP8YUVToR/G/B</c>). The vector path (SSSE3) upsamples a whole row of U and V, then converts
/// sixteen pixels at a time with the same fixed-point steps in 16-bit lanes, so it equals the scalar path exactly.
/// </summary>
internal static unsafe class Vp8YuvToRgb
{
    /// <summary>
    /// Writes the frame into <paramref name="pixels"/>, <paramref name="step"/> bytes per pixel (3, or 4 with alpha
    /// 255 for the caller to overwrite).
    /// </summary>
    public static void Convert(Vp8Planes planes, Span<byte> pixels, int step, SimdLevel level) =>
        ConvertRows(planes, 0, planes.Height, pixels, step, level);

    /// <summary>
    /// Writes rows <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> − 1 into
    /// <paramref name="pixels"/> as <see cref="Convert"/> does; the planes must hold those rows' luma rows and the
    /// chroma rows either side of them (see <see cref="Vp8Planes.ReadyRows"/>).
    /// </summary>
    public static void ConvertRows(Vp8Planes planes, int first, int count, Span<byte> pixels, int step, SimdLevel level)
    {
        if (level >= SimdLevel.Vector128 && Ssse3.IsSupported)
        {
            ConvertVector(planes, first, count, pixels, step);
            return;
        }

        int width = planes.Width;
        int rowBytes = width * step;
        if (step == 4)
        {
            for (int i = 3; i < count * rowBytes; i += 4)
            {
                pixels[i] = 255;
            }
        }

        int uvHeight = (planes.Height + 1) >> 1;
        for (int i = 0; i < count; i++)
        {
            // Each output row mixes its nearest chroma row (weight 3/4) with the next nearest (1/4).
            int y = first + i;
            (int near, int far) = ChromaRows(y, uvHeight);
            UpsampleRow(
                planes.Y.AsSpan(planes.YIndex(y), width),
                planes.U.AsSpan(planes.UvIndex(near)),
                planes.V.AsSpan(planes.UvIndex(near)),
                planes.U.AsSpan(planes.UvIndex(far)),
                planes.V.AsSpan(planes.UvIndex(far)),
                pixels.Slice(i * rowBytes, rowBytes),
                step);
        }
    }

    /// <summary>The chroma row nearest to output row <paramref name="y"/> and the next nearest (the same row at the edges).</summary>
    private static (int Near, int Far) ChromaRows(int y, int uvHeight) =>
        y == 0 ? (0, 0)
        : (y & 1) == 1 ? ((y - 1) >> 1, Math.Min((y + 1) >> 1, uvHeight - 1))
        : (y >> 1, (y >> 1) - 1);

    private static void ConvertVector(Vp8Planes planes, int first, int count, Span<byte> pixels, int step)
    {
        int width = planes.Width;
        int uvHeight = (planes.Height + 1) >> 1;
        int rowBytes = width * step;

        // Rows of upsampled chroma, padded so the last 16-pixel group may read past the width.
        byte[] u = ArrayPool<byte>.Shared.Rent(width + 32);
        byte[] v = ArrayPool<byte>.Shared.Rent(width + 32);
        try
        {
            fixed (byte* uRow = u, vRow = v, uPlane = planes.U, vPlane = planes.V, yPlane = planes.Y, dst = pixels)
            {
                for (int i = 0; i < count; i++)
                {
                    int y = first + i;
                    (int near, int far) = ChromaRows(y, uvHeight);
                    UpsampleVector(uPlane + planes.UvIndex(near), uPlane + planes.UvIndex(far), uRow, width);
                    UpsampleVector(vPlane + planes.UvIndex(near), vPlane + planes.UvIndex(far), vRow, width);
                    ConvertRowVector(yPlane + planes.YIndex(y), uRow, vRow, dst + ((long)i * rowBytes), width, step);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(u);
            ArrayPool<byte>.Shared.Return(v);
        }
    }

    /// <summary>Fancy-upsamples one chroma row pair into <paramref name="output"/> (<paramref name="width"/> samples).</summary>
    private static void UpsampleVector(byte* near, byte* far, byte* output, int width)
    {
        int lastPair = (width - 1) >> 1;
        output[0] = (byte)((3 * near[0] + far[0] + 2) >> 2);
        int x = 1;
        Vector128<ushort> eight = Vector128.Create((ushort)8);
        for (; x + 7 <= lastPair; x += 8)
        {
            // Eight chroma positions give output pixels 2x-1 .. 2x+14.
            Vector128<ushort> n0 = Widen(near + x - 1), n1 = Widen(near + x), f0 = Widen(far + x - 1), f1 = Widen(far + x);
            Vector128<ushort> avg = n0 + n1 + f0 + f1 + eight;
            Vector128<ushort> odd = ((avg + ((n1 + f0) << 1)) >> 3) + n0 >> 1;
            Vector128<ushort> even = ((avg + ((n0 + f1) << 1)) >> 3) + n1 >> 1;
            Vector128<byte> packed = Sse2.PackUnsignedSaturate(odd.AsInt16(), even.AsInt16());
            Sse2.Store(output + (2 * x) - 1, Sse2.UnpackLow(packed, Sse2.ShiftRightLogical128BitLane(packed, 8)));
        }

        for (; x <= lastPair; x++)
        {
            int n0 = near[x - 1], n1 = near[x], f0 = far[x - 1], f1 = far[x];
            int avg = n0 + n1 + f0 + f1 + 8;
            output[(2 * x) - 1] = (byte)((((avg + (2 * (n1 + f0))) >> 3) + n0) >> 1);
            output[2 * x] = (byte)((((avg + (2 * (n0 + f1))) >> 3) + n1) >> 1);
        }

        if ((width & 1) == 0)
        {
            output[width - 1] = (byte)((3 * near[lastPair] + far[lastPair] + 2) >> 2);
        }
    }

    private static Vector128<ushort> Widen(byte* p) => Sse2.UnpackLow(Vector128.CreateScalar(Unsafe.ReadUnaligned<ulong>(p)).AsByte(), Vector128<byte>.Zero).AsUInt16();

    /// <summary>Converts one row, sixteen pixels at a time, with a scalar tail.</summary>
    private static void ConvertRowVector(byte* y, byte* u, byte* v, byte* dst, int width, int step)
    {
        int x = 0;
        for (; x + 16 <= width; x += 16)
        {
            Vector128<byte> yy = Sse2.LoadVector128(y + x), uu = Sse2.LoadVector128(u + x), vv = Sse2.LoadVector128(v + x);
            (Vector128<short> r0, Vector128<short> g0, Vector128<short> b0) = Convert8(Sse2.UnpackLow(Vector128<byte>.Zero, yy), Sse2.UnpackLow(Vector128<byte>.Zero, uu), Sse2.UnpackLow(Vector128<byte>.Zero, vv));
            (Vector128<short> r1, Vector128<short> g1, Vector128<short> b1) = Convert8(Sse2.UnpackHigh(Vector128<byte>.Zero, yy), Sse2.UnpackHigh(Vector128<byte>.Zero, uu), Sse2.UnpackHigh(Vector128<byte>.Zero, vv));
            Vector128<byte> r = Sse2.PackUnsignedSaturate(r0, r1), g = Sse2.PackUnsignedSaturate(g0, g1), b = Sse2.PackUnsignedSaturate(b0, b1);
            if (step == 3)
            {
                ColorConverter.Store48(dst + (3 * x), r, g, b);
            }
            else
            {
                Vector128<byte> ba = Sse2.UnpackLow(b, Vector128<byte>.AllBitsSet), baHigh = Sse2.UnpackHigh(b, Vector128<byte>.AllBitsSet);
                Vector128<byte> rg = Sse2.UnpackLow(r, g), rgHigh = Sse2.UnpackHigh(r, g);
                byte* o = dst + (4 * x);
                Sse2.Store(o, Sse2.UnpackLow(rg.AsUInt16(), ba.AsUInt16()).AsByte());
                Sse2.Store(o + 16, Sse2.UnpackHigh(rg.AsUInt16(), ba.AsUInt16()).AsByte());
                Sse2.Store(o + 32, Sse2.UnpackLow(rgHigh.AsUInt16(), baHigh.AsUInt16()).AsByte());
                Sse2.Store(o + 48, Sse2.UnpackHigh(rgHigh.AsUInt16(), baHigh.AsUInt16()).AsByte());
            }
        }

        Span<byte> tail = new(dst + (step * x), step * (width - x));
        for (int i = 0; x < width; x++, i += step)
        {
            Put(y[x], u[x], v[x], tail, i);
            if (step == 4)
            {
                tail[i + 3] = 255;
            }
        }
    }

    /// <summary>
    /// Eight pixels from samples held in the high byte of 16-bit lanes: an unsigned high multiply then gives
    /// (sample × coefficient) >> 8 exactly. R and G stay within signed 16 bits; B can exceed them, so it is summed
    /// with unsigned saturation, which also clamps its negative values to 0 as the scalar clip does.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector128<short> R, Vector128<short> G, Vector128<short> B) Convert8(Vector128<byte> y, Vector128<byte> u, Vector128<byte> v)
    {
        Vector128<ushort> luma = Sse2.MultiplyHigh(y.AsUInt16(), Vector128.Create((ushort)19077));
        Vector128<short> r = luma.AsInt16() + Sse2.MultiplyHigh(v.AsUInt16(), Vector128.Create((ushort)26149)).AsInt16() - Vector128.Create((short)14234);
        Vector128<short> g = luma.AsInt16() - Sse2.MultiplyHigh(u.AsUInt16(), Vector128.Create((ushort)6419)).AsInt16()
            - Sse2.MultiplyHigh(v.AsUInt16(), Vector128.Create((ushort)13320)).AsInt16() + Vector128.Create((short)8708);
        Vector128<ushort> b = Sse2.SubtractSaturate(Sse2.AddSaturate(luma, Sse2.MultiplyHigh(u.AsUInt16(), Vector128.Create((ushort)33050))), Vector128.Create((ushort)17685));
        return (Vector128.ShiftRightArithmetic(r, 6), Vector128.ShiftRightArithmetic(g, 6), (b >> 6).AsInt16());
    }

    /// <summary>One output row: chroma at even and odd columns is interpolated from two near and two far samples.</summary>
    private static void UpsampleRow(
        ReadOnlySpan<byte> y, ReadOnlySpan<byte> nearU, ReadOnlySpan<byte> nearV, ReadOnlySpan<byte> farU, ReadOnlySpan<byte> farV, Span<byte> dst, int step)
    {
        int width = y.Length;
        int lastPair = (width - 1) >> 1;
        Put(y[0], (3 * nearU[0] + farU[0] + 2) >> 2, (3 * nearV[0] + farV[0] + 2) >> 2, dst, 0);
        for (int x = 1; x <= lastPair; x++)
        {
            int n0u = nearU[x - 1], n1u = nearU[x], f0u = farU[x - 1], f1u = farU[x];
            int n0v = nearV[x - 1], n1v = nearV[x], f0v = farV[x - 1], f1v = farV[x];
            int avgU = n0u + n1u + f0u + f1u + 8;
            int avgV = n0v + n1v + f0v + f1v + 8;
            int u0 = (((avgU + (2 * (n1u + f0u))) >> 3) + n0u) >> 1;
            int v0 = (((avgV + (2 * (n1v + f0v))) >> 3) + n0v) >> 1;
            int u1 = (((avgU + (2 * (n0u + f1u))) >> 3) + n1u) >> 1;
            int v1 = (((avgV + (2 * (n0v + f1v))) >> 3) + n1v) >> 1;
            Put(y[(2 * x) - 1], u0, v0, dst, ((2 * x) - 1) * step);
            Put(y[2 * x], u1, v1, dst, 2 * x * step);
        }

        if ((width & 1) == 0)
        {
            Put(y[width - 1], (3 * nearU[lastPair] + farU[lastPair] + 2) >> 2, (3 * nearV[lastPair] + farV[lastPair] + 2) >> 2, dst, (width - 1) * step);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Put(int y, int u, int v, Span<byte> dst, int o)
    {
        int luma = MulHi(y, 19077);
        dst[o] = Clip(luma + MulHi(v, 26149) - 14234);
        dst[o + 1] = Clip(luma - MulHi(u, 6419) - MulHi(v, 13320) + 8708);
        dst[o + 2] = Clip(luma + MulHi(u, 33050) - 17685);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int MulHi(int v, int coefficient) => (v * coefficient) >> 8;

    /// <summary>Drops the 6 fraction bits and clamps to [0, 255].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte Clip(int v) => (v & ~16383) == 0 ? (byte)(v >> 6) : v < 0 ? (byte)0 : (byte)255;
}
