using System.Runtime.CompilerServices;

namespace Likeness.Imaging.Codecs.WebP.Lossy;

/// <summary>
/// Turns the 4:2:0 planes into RGB as dwebp does by default: "fancy" upsampling, which interpolates each chroma
/// sample from its four nearest neighbours with weights 9/3/3/1, then libwebp's 14-bit fixed-point BT.601
/// conversion (<c>VP8YUVToR/G/B</c>).
/// </summary>
internal static class Vp8YuvToRgb
{
    /// <summary>Writes the frame into <paramref name="pixels"/>, <paramref name="step"/> bytes per pixel (3 or 4; alpha untouched).</summary>
    public static void Convert(Vp8Planes planes, Span<byte> pixels, int step)
    {
        int width = planes.Width;
        int height = planes.Height;
        int uvHeight = (height + 1) >> 1;
        int rowBytes = width * step;
        for (int y = 0; y < height; y++)
        {
            // Each output row mixes its nearest chroma row (weight 3/4) with the next nearest (1/4).
            int near;
            int far;
            if (y == 0)
            {
                near = far = 0;
            }
            else if ((y & 1) == 1)
            {
                near = (y - 1) >> 1;
                far = Math.Min((y + 1) >> 1, uvHeight - 1);
            }
            else
            {
                near = y >> 1;
                far = near - 1;
            }

            UpsampleRow(
                planes.Y.AsSpan(y * planes.YStride, width),
                planes.U.AsSpan(near * planes.UvStride),
                planes.V.AsSpan(near * planes.UvStride),
                planes.U.AsSpan(far * planes.UvStride),
                planes.V.AsSpan(far * planes.UvStride),
                pixels.Slice(y * rowBytes, rowBytes),
                step);
        }
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
