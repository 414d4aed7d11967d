namespace Likeness.Imaging.Codecs.Jpeg.Decoding;

/// <summary>
/// Brings one row of a subsampled component to full resolution exactly as libjpeg-turbo's jdsample.c does by
/// default: "fancy" triangle filters for 2x1, 1x2 and 2x2 (edges replicate the last real sample or row), and
/// plain replication for every other integer ratio (and for 2x1/2x2 components at most 2 samples wide).
/// </summary>
internal static class Upsampler
{
    /// <summary>
    /// Writes at least <c>component.Width × ratioH</c> samples of output row <paramref name="y"/> into
    /// <paramref name="dst"/> and returns them; full-size components return the plane row itself.
    /// The plane holds the component's decoded samples, <see cref="JpegComponent.PlaneStride"/> bytes a row.
    /// </summary>
    public static ReadOnlySpan<byte> Row(
        JpegComponent component, int ratioH, int ratioV, int y, ReadOnlySpan<byte> plane, Span<byte> dst)
    {
        int stride = component.PlaneStride;
        int cy = y / ratioV;
        if (ratioH == 1 && ratioV == 1)
        {
            return RowOf(plane, stride, y);
        }

        int width = component.Width;
        bool fancyH = ratioH == 2 && width > 2;
        if (ratioV == 2 && (ratioH == 1 || fancyH))
        {
            bool below = (y & 1) != 0;
            int far = Math.Clamp(below ? cy + 1 : cy - 1, 0, component.Height - 1);
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
            H2V1(RowOf(plane, stride, cy), width, dst);
        }
        else
        {
            Replicate(RowOf(plane, stride, cy), width, ratioH, dst);
        }

        return dst;
    }

    private static ReadOnlySpan<byte> RowOf(ReadOnlySpan<byte> plane, int stride, int row) =>
        plane.Slice(row * stride, stride);

    /// <summary>jdsample.c h2v1_fancy_upsample: 3/4 nearer sample + 1/4 further one.</summary>
    internal static void H2V1(ReadOnlySpan<byte> src, int width, Span<byte> dst)
    {
        dst = dst[..(2 * width)];
        src = src[..width];
        for (int i = 0; i < width; i++)
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
        dst = dst[..width];
        near = near[..width];
        far = far[..width];
        for (int i = 0; i < width; i++)
        {
            dst[i] = (byte)(((near[i] * 3) + far[i] + bias) >> 2);
        }
    }

    /// <summary>jdsample.c h2v2_fancy_upsample: the vertical then horizontal triangle filter in 4-bit fixed point.</summary>
    internal static void H2V2(ReadOnlySpan<byte> near, ReadOnlySpan<byte> far, int width, Span<byte> dst)
    {
        dst = dst[..(2 * width)];
        near = near[..width];
        far = far[..width];
        int last = (near[0] * 3) + far[0];
        int here = last;
        for (int i = 0; i < width; i++)
        {
            int next = i + 1 < width ? (near[i + 1] * 3) + far[i + 1] : here;
            dst[2 * i] = (byte)(((here * 3) + last + 8) >> 4);
            dst[(2 * i) + 1] = (byte)(((here * 3) + next + 7) >> 4);
            last = here;
            here = next;
        }
    }

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
