using System.Runtime.CompilerServices;

namespace Likeness.Imaging.Codecs.WebP.Lossy;

/// <summary>
/// The VP8 loop filters (RFC 6386 section 15) with libwebp's arithmetic: the simple filter (luma only, two pixels
/// per side at most) and the normal filter (six pixels across macroblock edges, four across inner edges, with the
/// high-edge-variance test). Thresholds come as the edge limit E, compared as 4·|p0−q0| + |p1−q1| ≤ 2E + 1.
/// </summary>
internal static class Vp8LoopFilter
{
    /// <summary>Filters one macroblock of the frame planes at (<paramref name="mbX"/>, <paramref name="mbY"/>).</summary>
    public static void FilterMacroblock(Vp8Planes planes, int mbX, int mbY, int filterType, in Vp8FilterParams f)
    {
        int limit = f.Limit;
        if (limit == 0)
        {
            return;
        }

        byte[] y = planes.Y;
        int ys = planes.YStride;
        int yo = planes.YIndex(mbY * 16) + (mbX * 16);
        if (filterType == 1)
        {
            if (mbX > 0)
            {
                SimpleEdge(y, yo, 1, ys, limit + 4);
            }

            if (f.Inner)
            {
                for (int i = 4; i < 16; i += 4)
                {
                    SimpleEdge(y, yo + i, 1, ys, limit);
                }
            }

            if (mbY > 0)
            {
                SimpleEdge(y, yo, ys, 1, limit + 4);
            }

            if (f.Inner)
            {
                for (int i = 4; i < 16; i += 4)
                {
                    SimpleEdge(y, yo + (i * ys), ys, 1, limit);
                }
            }

            return;
        }

        int uvs = planes.UvStride;
        int uvo = planes.UvIndex(mbY * 8) + (mbX * 8);
        int interior = f.Interior;
        int hev = f.HevThreshold;
        if (mbX > 0)
        {
            Edge(y, yo, 1, ys, 16, limit + 4, interior, hev, macroblockEdge: true);
            Edge(planes.U, uvo, 1, uvs, 8, limit + 4, interior, hev, macroblockEdge: true);
            Edge(planes.V, uvo, 1, uvs, 8, limit + 4, interior, hev, macroblockEdge: true);
        }

        if (f.Inner)
        {
            for (int i = 4; i < 16; i += 4)
            {
                Edge(y, yo + i, 1, ys, 16, limit, interior, hev, macroblockEdge: false);
            }

            Edge(planes.U, uvo + 4, 1, uvs, 8, limit, interior, hev, macroblockEdge: false);
            Edge(planes.V, uvo + 4, 1, uvs, 8, limit, interior, hev, macroblockEdge: false);
        }

        if (mbY > 0)
        {
            Edge(y, yo, ys, 1, 16, limit + 4, interior, hev, macroblockEdge: true);
            Edge(planes.U, uvo, uvs, 1, 8, limit + 4, interior, hev, macroblockEdge: true);
            Edge(planes.V, uvo, uvs, 1, 8, limit + 4, interior, hev, macroblockEdge: true);
        }

        if (f.Inner)
        {
            for (int i = 4; i < 16; i += 4)
            {
                Edge(y, yo + (i * ys), ys, 1, 16, limit, interior, hev, macroblockEdge: false);
            }

            Edge(planes.U, uvo + (4 * uvs), uvs, 1, 8, limit, interior, hev, macroblockEdge: false);
            Edge(planes.V, uvo + (4 * uvs), uvs, 1, 8, limit, interior, hev, macroblockEdge: false);
        }
    }

    /// <summary>
    /// The simple filter across one 16-pixel edge: <paramref name="step"/> crosses the edge, <paramref name="along"/>
    /// walks along it.
    /// </summary>
    private static void SimpleEdge(byte[] b, int o, int step, int along, int limit)
    {
        int threshold = (2 * limit) + 1;
        for (int i = 0; i < 16; i++, o += along)
        {
            int p1 = b[o - (2 * step)], p0 = b[o - step], q0 = b[o], q1 = b[o + step];
            if ((4 * Math.Abs(p0 - q0)) + Math.Abs(p1 - q1) <= threshold)
            {
                Filter2(b, o, step, p1, p0, q0, q1);
            }
        }
    }

    /// <summary>The normal filter across one edge of <paramref name="length"/> pixels.</summary>
    private static void Edge(byte[] b, int o, int step, int along, int length, int limit, int interior, int hevThreshold, bool macroblockEdge)
    {
        int threshold = (2 * limit) + 1;
        for (int i = 0; i < length; i++, o += along)
        {
            int p3 = b[o - (4 * step)], p2 = b[o - (3 * step)], p1 = b[o - (2 * step)], p0 = b[o - step];
            int q0 = b[o], q1 = b[o + step], q2 = b[o + (2 * step)], q3 = b[o + (3 * step)];
            if ((4 * Math.Abs(p0 - q0)) + Math.Abs(p1 - q1) > threshold)
            {
                continue;
            }

            if (Math.Abs(p3 - p2) > interior || Math.Abs(p2 - p1) > interior || Math.Abs(p1 - p0) > interior
                || Math.Abs(q3 - q2) > interior || Math.Abs(q2 - q1) > interior || Math.Abs(q1 - q0) > interior)
            {
                continue;
            }

            if (Math.Abs(p1 - p0) > hevThreshold || Math.Abs(q1 - q0) > hevThreshold)
            {
                Filter2(b, o, step, p1, p0, q0, q1);
            }
            else if (macroblockEdge)
            {
                // Six taps: the adjustment fades over three pixels on each side.
                int a = SignedClip(SignedClip(p1 - q1) + (3 * (q0 - p0)));
                int a1 = ((27 * a) + 63) >> 7;
                int a2 = ((18 * a) + 63) >> 7;
                int a3 = ((9 * a) + 63) >> 7;
                b[o - (3 * step)] = Vp8Idct.Clip8(p2 + a3);
                b[o - (2 * step)] = Vp8Idct.Clip8(p1 + a2);
                b[o - step] = Vp8Idct.Clip8(p0 + a1);
                b[o] = Vp8Idct.Clip8(q0 - a1);
                b[o + step] = Vp8Idct.Clip8(q1 - a2);
                b[o + (2 * step)] = Vp8Idct.Clip8(q2 - a3);
            }
            else
            {
                int a = 3 * (q0 - p0);
                int a1 = Clip16((a + 4) >> 3);
                int a2 = Clip16((a + 3) >> 3);
                int a3 = (a1 + 1) >> 1;
                b[o - (2 * step)] = Vp8Idct.Clip8(p1 + a3);
                b[o - step] = Vp8Idct.Clip8(p0 + a2);
                b[o] = Vp8Idct.Clip8(q0 - a1);
                b[o + step] = Vp8Idct.Clip8(q1 - a3);
            }
        }
    }

    /// <summary>Adjusts the two pixels next to the edge, using the outer pair as a tap.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Filter2(byte[] b, int o, int step, int p1, int p0, int q0, int q1)
    {
        int a = (3 * (q0 - p0)) + SignedClip(p1 - q1);
        int a1 = Clip16((a + 4) >> 3);
        int a2 = Clip16((a + 3) >> 3);
        b[o - step] = Vp8Idct.Clip8(p0 + a2);
        b[o] = Vp8Idct.Clip8(q0 - a1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SignedClip(int v) => v < -128 ? -128 : v > 127 ? 127 : v;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Clip16(int v) => v < -16 ? -16 : v > 15 ? 15 : v;
}
