using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Likeness.Imaging.Codecs.Jpeg.Decoding;

/// <summary>
/// Brings one row of a subsampled component to full resolution exactly as libjpeg-turbo's jdsample.c does by
/// default: "fancy" triangle filters for 2x1, 1x2 and 2x2 (edges replicate the last real sample or row), and
/// plain replication for every other integer ratio (and for 2x1/2x2 components at most 2 samples wide).
/// The filters run 16 samples at a time with AVX2 in the interior; the scalar loops (reference) do the edges.
/// </summary>
internal static class Upsampler
{
    /// <summary>
    /// Writes at least <c>component.Width × ratioH</c> samples of output row <paramref name="y"/> into
    /// <paramref name="dst"/> and returns them; full-size components return the plane row itself.
    /// The plane holds the component's decoded samples from row <paramref name="firstRow"/> on (0 for the whole
    /// plane; a read by rows holds a window), <see cref="JpegComponent.PlaneStride"/> bytes a row.
    /// </summary>
    public static ReadOnlySpan<byte> Row(
        JpegComponent component, int ratioH, int ratioV, int y, ReadOnlySpan<byte> plane, int firstRow, Span<byte> dst)
    {
        int stride = component.PlaneStride;
        int cy = y / ratioV;
        if (ratioH == 1 && ratioV == 1)
        {
            return RowOf(plane, stride, y - firstRow);
        }

        int width = component.Width;
        bool fancyH = ratioH == 2 && width > 2;
        if (ratioV == 2 && (ratioH == 1 || fancyH))
        {
            bool below = (y & 1) != 0;
            int far = Math.Clamp(below ? cy + 1 : cy - 1, 0, component.Height - 1) - firstRow;
            cy -= firstRow;
            if (ratioH == 1)
            {
                H1V2(RowOf(plane, stride, cy), RowOf(plane, stride, far), width, below ? 2 : 1, dst);
            }
            else
            {
                H2V2(RowOf(plane, stride, cy), RowOf(plane, stride, far), width, dst);
            }
        }
        else if (ratioV == 1 && fancyH)
        {
            H2V1(RowOf(plane, stride, cy - firstRow), width, dst);
        }
        else
        {
            Replicate(RowOf(plane, stride, cy - firstRow), width, ratioH, dst);
        }

        return dst;
    }

    private static ReadOnlySpan<byte> RowOf(ReadOnlySpan<byte> plane, int stride, int row) =>
        plane.Slice(row * stride, stride);

    /// <summary>jdsample.c h2v1_fancy_upsample: 3/4 nearer sample + 1/4 further one.</summary>
    internal static void H2V1(ReadOnlySpan<byte> src, int width, Span<byte> dst)
    {
        int end = Avx2.IsSupported ? H2V1Avx2(src[..width], dst[..(2 * width)]) : 1;
        H2V1Scalar(src, width, dst, 0, 1);
        H2V1Scalar(src, width, dst, end, width);
    }

    /// <summary>The reference for output pairs [from, to) of <see cref="H2V1"/>.</summary>
    internal static void H2V1Scalar(ReadOnlySpan<byte> src, int width, Span<byte> dst, int from, int to)
    {
        for (int i = from; i < to; i++)
        {
            int here = src[i] * 3;
            int left = src[Math.Max(i - 1, 0)];
            int right = src[Math.Min(i + 1, width - 1)];
            dst[2 * i] = (byte)((here + left + 1) >> 2);
            dst[(2 * i) + 1] = (byte)((here + right + 2) >> 2);
        }
    }

    /// <summary>jdsample.c h1v2_fancy_upsample: 3/4 nearer row + 1/4 further row, bias 1 above and 2 below.</summary>
    internal static void H1V2(ReadOnlySpan<byte> near, ReadOnlySpan<byte> far, int width, int bias, Span<byte> dst)
    {
        int done = Avx2.IsSupported ? H1V2Avx2(near[..width], far[..width], bias, dst[..width]) : 0;
        H1V2Scalar(near, far, bias, dst, done, width);
    }

    /// <summary>The reference for samples [from, to) of <see cref="H1V2"/>.</summary>
    internal static void H1V2Scalar(ReadOnlySpan<byte> near, ReadOnlySpan<byte> far, int bias, Span<byte> dst, int from, int to)
    {
        for (int i = from; i < to; i++)
        {
            dst[i] = (byte)(((near[i] * 3) + far[i] + bias) >> 2);
        }
    }

    /// <summary>jdsample.c h2v2_fancy_upsample: the vertical then horizontal triangle filter in 4-bit fixed point.</summary>
    internal static void H2V2(ReadOnlySpan<byte> near, ReadOnlySpan<byte> far, int width, Span<byte> dst)
    {
        int end = Avx2.IsSupported ? H2V2Avx2(near[..width], far[..width], dst[..(2 * width)]) : 1;
        H2V2Scalar(near, far, width, dst, 0, 1);
        H2V2Scalar(near, far, width, dst, end, width);
    }

    /// <summary>The reference for output pairs [from, to) of <see cref="H2V2"/> (edges replicate).</summary>
    internal static void H2V2Scalar(ReadOnlySpan<byte> near, ReadOnlySpan<byte> far, int width, Span<byte> dst, int from, int to)
    {
        for (int i = from; i < to; i++)
        {
            int left = Math.Max(i - 1, 0);
            int right = Math.Min(i + 1, width - 1);
            int here = (near[i] * 3) + far[i];
            int before = (near[left] * 3) + far[left];
            int after = (near[right] * 3) + far[right];
            dst[2 * i] = (byte)(((here * 3) + before + 8) >> 4);
            dst[(2 * i) + 1] = (byte)(((here * 3) + after + 7) >> 4);
        }
    }

    /// <summary>Output pairs 1.. of H2V1, 16 at a time, while i+16 is a real sample; returns where it stopped.</summary>
    private static unsafe int H2V1Avx2(ReadOnlySpan<byte> src, Span<byte> dst)
    {
        int i = 1;
        fixed (byte* s = src, d = dst)
        {
            for (; i + 17 <= src.Length; i += 16)
            {
                Vector256<short> here = Widen(s + i) * 3;
                Vector256<short> even = (here + Widen(s + i - 1) + Vector256.Create((short)1)) >>> 2;
                Vector256<short> odd = (here + Widen(s + i + 1) + Vector256.Create((short)2)) >>> 2;
                (even | (odd << 8)).Store((short*)(d + (2 * i)));
            }
        }

        return i;
    }

    private static unsafe int H1V2Avx2(ReadOnlySpan<byte> near, ReadOnlySpan<byte> far, int bias, Span<byte> dst)
    {
        int i = 0;
        Vector256<short> b = Vector256.Create((short)bias);
        fixed (byte* n = near, f = far, d = dst)
        {
            for (; i + 16 <= near.Length; i += 16)
            {
                Vector256<ushort> v = (((Widen(n + i) * 3) + Widen(f + i) + b) >>> 2).AsUInt16();
                Vector128.Narrow(v.GetLower(), v.GetUpper()).Store(d + i);
            }
        }

        return i;
    }

    private static unsafe int H2V2Avx2(ReadOnlySpan<byte> near, ReadOnlySpan<byte> far, Span<byte> dst)
    {
        int i = 1;
        fixed (byte* n = near, f = far, d = dst)
        {
            for (; i + 17 <= near.Length; i += 16)
            {
                Vector256<short> here = (Widen(n + i) * 3) + Widen(f + i);
                Vector256<short> before = (Widen(n + i - 1) * 3) + Widen(f + i - 1);
                Vector256<short> after = (Widen(n + i + 1) * 3) + Widen(f + i + 1);
                Vector256<short> even = ((here * 3) + before + Vector256.Create((short)8)) >>> 4;
                Vector256<short> odd = ((here * 3) + after + Vector256.Create((short)7)) >>> 4;
                (even | (odd << 8)).Store((short*)(d + (2 * i)));
            }
        }

        return i;
    }

    /// <summary>16 bytes zero-extended to 16 shorts.</summary>
    private static unsafe Vector256<short> Widen(byte* p) => Avx2.ConvertToVector256Int16(p);

    /// <summary>jdsample.c int_upsample: each sample repeated ratio times.</summary>
    internal static void Replicate(ReadOnlySpan<byte> src, int width, int ratio, Span<byte> dst)
    {
        dst = dst[..(width * ratio)];
        for (int i = 0; i < width; i++)
        {
            dst.Slice(i * ratio, ratio).Fill(src[i]);
        }
    }
}
