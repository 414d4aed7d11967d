using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Likeness.Imaging.Codecs.WebP.Lossy;

/// <summary>
/// The loop filters of <see cref="Vp8LoopFilter"/> sixteen pixels at a time (SSE2). The arithmetic runs in 16-bit
/// lanes, where every intermediate of the scalar filter fits, so the result is bit-exact. Horizontal edges load
/// rows directly; vertical edges transpose sixteen rows of eight pixels into eight vectors and back. Chroma edges
/// filter U and V together: eight lanes each.
/// </summary>
internal static unsafe class Vp8LoopFilterVector
{
    /// <summary>Whether this machine can run the vector filter.</summary>
    public static bool IsSupported => Sse2.IsSupported;

    /// <summary>Filters one macroblock of the frame planes at (<paramref name="mbX"/>, <paramref name="mbY"/>).</summary>
    public static void FilterMacroblock(Vp8Planes planes, int mbX, int mbY, int filterType, in Vp8FilterParams f)
    {
        int limit = f.Limit;
        if (limit == 0)
        {
            return;
        }

        int ys = planes.YStride;
        fixed (byte* yPlane = planes.Y)
        {
            byte* y = yPlane + planes.YIndex(mbY * 16) + (mbX * 16);
            if (filterType == 1)
            {
                var simple = new Thresholds(limit, 0, 0);
                if (mbX > 0)
                {
                    VerticalEdge(y, null, ys, simple with { Edge = Edge((2 * (limit + 4)) + 1) }, Kind.Simple);
                }

                if (f.Inner)
                {
                    for (int i = 4; i < 16; i += 4)
                    {
                        VerticalEdge(y + i, null, ys, simple, Kind.Simple);
                    }
                }

                if (mbY > 0)
                {
                    HorizontalEdge(y, null, ys, simple with { Edge = Edge((2 * (limit + 4)) + 1) }, Kind.Simple);
                }

                if (f.Inner)
                {
                    for (int i = 4; i < 16; i += 4)
                    {
                        HorizontalEdge(y + (i * ys), null, ys, simple, Kind.Simple);
                    }
                }

                return;
            }

            int uvs = planes.UvStride;
            fixed (byte* uPlane = planes.U, vPlane = planes.V)
            {
                int uvo = planes.UvIndex(mbY * 8) + (mbX * 8);
                byte* u = uPlane + uvo;
                byte* v = vPlane + uvo;
                var outer = new Thresholds(limit + 4, f.Interior, f.HevThreshold);
                var inner = new Thresholds(limit, f.Interior, f.HevThreshold);
                if (mbX > 0)
                {
                    VerticalEdge(y, null, ys, outer, Kind.MacroblockEdge);
                    VerticalEdge(u, v, uvs, outer, Kind.MacroblockEdge);
                }

                if (f.Inner)
                {
                    for (int i = 4; i < 16; i += 4)
                    {
                        VerticalEdge(y + i, null, ys, inner, Kind.InnerEdge);
                    }

                    VerticalEdge(u + 4, v + 4, uvs, inner, Kind.InnerEdge);
                }

                if (mbY > 0)
                {
                    HorizontalEdge(y, null, ys, outer, Kind.MacroblockEdge);
                    HorizontalEdge(u, v, uvs, outer, Kind.MacroblockEdge);
                }

                if (f.Inner)
                {
                    for (int i = 4; i < 16; i += 4)
                    {
                        HorizontalEdge(y + (i * ys), null, ys, inner, Kind.InnerEdge);
                    }

                    HorizontalEdge(u + (4 * uvs), v + (4 * uvs), uvs, inner, Kind.InnerEdge);
                }
            }
        }
    }

    private enum Kind
    {
        Simple,
        MacroblockEdge,
        InnerEdge,
    }

    private static Vector128<short> Edge(int threshold) => Vector128.Create((short)threshold);

    /// <summary>
    /// An edge across rows: sixteen columns of <paramref name="a"/>, or eight of <paramref name="a"/> (lanes 0-7)
    /// and eight of <paramref name="b"/> (lanes 8-15) when <paramref name="b"/> is given.
    /// </summary>
    private static void HorizontalEdge(byte* a, byte* b, int stride, in Thresholds t, Kind kind)
    {
        int rows = kind == Kind.Simple ? 2 : 4;
        var px = new Pixels();
        for (int r = -rows; r < rows; r++)
        {
            px[r + 4] = Load(a + (r * stride), b is null ? null : b + (r * stride));
        }

        Filter(ref px, t, kind);
        int first = kind == Kind.MacroblockEdge ? -3 : -2;
        for (int r = first; r < -first; r++)
        {
            Store(a + (r * stride), b is null ? null : b + (r * stride), px[r + 4]);
        }
    }

    /// <summary>An edge across columns: sixteen rows of <paramref name="a"/>, or eight of each plane.</summary>
    private static void VerticalEdge(byte* a, byte* b, int stride, in Thresholds t, Kind kind)
    {
        Span<ulong> rows = stackalloc ulong[16];
        for (int r = 0; r < 16; r++)
        {
            byte* row = b is null || r < 8 ? a + (r * stride) : b + ((r - 8) * stride);
            rows[r] = Unsafe.ReadUnaligned<ulong>(row - 4);
        }

        var px = new Pixels();
        Transpose16x8(rows, ref px);
        Filter(ref px, t, kind);
        Transpose8x16(ref px, rows);
        for (int r = 0; r < 16; r++)
        {
            byte* row = b is null || r < 8 ? a + (r * stride) : b + ((r - 8) * stride);
            Unsafe.WriteUnaligned(row - 4, rows[r]);
        }
    }

    private static Vector128<byte> Load(byte* a, byte* b) =>
        b is null ? Vector128.Load(a) : Vector128.Create(Unsafe.ReadUnaligned<ulong>(a), Unsafe.ReadUnaligned<ulong>(b)).AsByte();

    private static void Store(byte* a, byte* b, Vector128<byte> v)
    {
        if (b is null)
        {
            v.Store(a);
        }
        else
        {
            Unsafe.WriteUnaligned(a, v.AsUInt64().GetElement(0));
            Unsafe.WriteUnaligned(b, v.AsUInt64().GetElement(1));
        }
    }

    /// <summary>Filters the eight pixel vectors p3..q3 in place, each half in 16-bit lanes.</summary>
    private static void Filter(ref Pixels px, in Thresholds t, Kind kind)
    {
        var lo = new Lanes();
        var hi = new Lanes();
        int first = kind == Kind.Simple ? 2 : 0;
        int end = 8 - first;
        for (int i = first; i < end; i++)
        {
            lo[i] = Vector128.WidenLower(px[i]).AsInt16();
            hi[i] = Vector128.WidenUpper(px[i]).AsInt16();
        }

        FilterLanes(ref lo, t, kind);
        FilterLanes(ref hi, t, kind);
        for (int i = first; i < end; i++)
        {
            px[i] = Vector128.Narrow(lo[i].AsUInt16(), hi[i].AsUInt16());
        }
    }

    /// <summary>The scalar filter's arithmetic, eight lanes at once; lanes that fail the edge test keep their pixels.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FilterLanes(ref Lanes l, in Thresholds t, Kind kind)
    {
        Vector128<short> p1 = l[2], p0 = l[3], q0 = l[4], q1 = l[5];
        Vector128<short> three = Vector128.Create((short)3);
        Vector128<short> edge = Vector128.LessThanOrEqual((Vector128.Abs(p0 - q0) << 2) + Vector128.Abs(p1 - q1), t.Edge);
        Vector128<short> outerTap = SignedClip(p1 - q1);

        // The two-pixel filter, used by the simple filter and wherever the edge variance is high.
        Vector128<short> a = (three * (q0 - p0)) + outerTap;
        Vector128<short> f1 = Clip16(Vector128.ShiftRightArithmetic(a + Vector128.Create((short)4), 3));
        Vector128<short> f2 = Clip16(Vector128.ShiftRightArithmetic(a + three, 3));
        Vector128<short> p0Two = Clip8(p0 + f2);
        Vector128<short> q0Two = Clip8(q0 - f1);
        if (kind == Kind.Simple)
        {
            l[3] = Vector128.ConditionalSelect(edge, p0Two, p0);
            l[4] = Vector128.ConditionalSelect(edge, q0Two, q0);
            return;
        }

        Vector128<short> p3 = l[0], p2 = l[1], q2 = l[6], q3 = l[7];
        Vector128<short> interior = Vector128.Max(
            Vector128.Max(Vector128.Max(Vector128.Abs(p3 - p2), Vector128.Abs(p2 - p1)), Vector128.Max(Vector128.Abs(p1 - p0), Vector128.Abs(q3 - q2))),
            Vector128.Max(Vector128.Abs(q2 - q1), Vector128.Abs(q1 - q0)));
        Vector128<short> apply = edge & Vector128.LessThanOrEqual(interior, t.Interior);
        Vector128<short> hev = Vector128.GreaterThan(Vector128.Max(Vector128.Abs(p1 - p0), Vector128.Abs(q1 - q0)), t.Hev);
        Vector128<short> two = apply & hev;
        Vector128<short> wide = Vector128.AndNot(apply, hev);
        if (kind == Kind.MacroblockEdge)
        {
            // Six taps: weights 27, 18 and 9 of the clamped adjustment, rounded, fade over three pixels a side.
            Vector128<short> w = SignedClip(outerTap + (three * (q0 - p0)));
            Vector128<short> round = Vector128.Create((short)63);
            Vector128<short> w1 = Vector128.ShiftRightArithmetic((Vector128.Create((short)27) * w) + round, 7);
            Vector128<short> w2 = Vector128.ShiftRightArithmetic((Vector128.Create((short)18) * w) + round, 7);
            Vector128<short> w3 = Vector128.ShiftRightArithmetic((Vector128.Create((short)9) * w) + round, 7);
            l[1] = Vector128.ConditionalSelect(wide, Clip8(p2 + w3), p2);
            l[2] = Vector128.ConditionalSelect(wide, Clip8(p1 + w2), p1);
            l[3] = Vector128.ConditionalSelect(wide, Clip8(p0 + w1), Vector128.ConditionalSelect(two, p0Two, p0));
            l[4] = Vector128.ConditionalSelect(wide, Clip8(q0 - w1), Vector128.ConditionalSelect(two, q0Two, q0));
            l[5] = Vector128.ConditionalSelect(wide, Clip8(q1 - w2), q1);
            l[6] = Vector128.ConditionalSelect(wide, Clip8(q2 - w3), q2);
            return;
        }

        // Inner edges: four taps without the outer pair's term.
        Vector128<short> b = three * (q0 - p0);
        Vector128<short> g1 = Clip16(Vector128.ShiftRightArithmetic(b + Vector128.Create((short)4), 3));
        Vector128<short> g2 = Clip16(Vector128.ShiftRightArithmetic(b + three, 3));
        Vector128<short> g3 = Vector128.ShiftRightArithmetic(g1 + Vector128<short>.One, 1);
        l[2] = Vector128.ConditionalSelect(wide, Clip8(p1 + g3), p1);
        l[3] = Vector128.ConditionalSelect(wide, Clip8(p0 + g2), Vector128.ConditionalSelect(two, p0Two, p0));
        l[4] = Vector128.ConditionalSelect(wide, Clip8(q0 - g1), Vector128.ConditionalSelect(two, q0Two, q0));
        l[5] = Vector128.ConditionalSelect(wide, Clip8(q1 - g3), q1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<short> SignedClip(Vector128<short> v) =>
        Vector128.Min(Vector128.Max(v, Vector128.Create((short)-128)), Vector128.Create((short)127));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<short> Clip16(Vector128<short> v) =>
        Vector128.Min(Vector128.Max(v, Vector128.Create((short)-16)), Vector128.Create((short)15));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<short> Clip8(Vector128<short> v) =>
        Vector128.Min(Vector128.Max(v, Vector128<short>.Zero), Vector128.Create((short)255));

    /// <summary>Sixteen rows of eight bytes (p3..q3 of each row) into eight vectors of sixteen (one per column).</summary>
    private static void Transpose16x8(ReadOnlySpan<ulong> rows, ref Pixels px)
    {
        Span<Vector128<byte>> b = stackalloc Vector128<byte>[8];
        for (int i = 0; i < 8; i++)
        {
            b[i] = Sse2.UnpackLow(Vector128.CreateScalar(rows[2 * i]).AsByte(), Vector128.CreateScalar(rows[(2 * i) + 1]).AsByte());
        }

        // c[j] holds columns 0-3 of rows 4j..4j+3, c[j + 4] columns 4-7.
        Span<Vector128<byte>> c = stackalloc Vector128<byte>[8];
        for (int j = 0; j < 4; j++)
        {
            c[j] = Sse2.UnpackLow(b[2 * j].AsUInt16(), b[(2 * j) + 1].AsUInt16()).AsByte();
            c[j + 4] = Sse2.UnpackHigh(b[2 * j].AsUInt16(), b[(2 * j) + 1].AsUInt16()).AsByte();
        }

        for (int half = 0; half < 2; half++)
        {
            int k = half * 4;
            Vector128<uint> top01 = Sse2.UnpackLow(c[k].AsUInt32(), c[k + 1].AsUInt32());
            Vector128<uint> top23 = Sse2.UnpackHigh(c[k].AsUInt32(), c[k + 1].AsUInt32());
            Vector128<uint> bottom01 = Sse2.UnpackLow(c[k + 2].AsUInt32(), c[k + 3].AsUInt32());
            Vector128<uint> bottom23 = Sse2.UnpackHigh(c[k + 2].AsUInt32(), c[k + 3].AsUInt32());
            px[k] = Sse2.UnpackLow(top01.AsUInt64(), bottom01.AsUInt64()).AsByte();
            px[k + 1] = Sse2.UnpackHigh(top01.AsUInt64(), bottom01.AsUInt64()).AsByte();
            px[k + 2] = Sse2.UnpackLow(top23.AsUInt64(), bottom23.AsUInt64()).AsByte();
            px[k + 3] = Sse2.UnpackHigh(top23.AsUInt64(), bottom23.AsUInt64()).AsByte();
        }
    }

    /// <summary>The inverse of <see cref="Transpose16x8"/>.</summary>
    private static void Transpose8x16(ref Pixels px, Span<ulong> rows)
    {
        // f[k] holds columns 2k, 2k+1 of rows 0-7; f[k + 4] of rows 8-15.
        Span<Vector128<byte>> f = stackalloc Vector128<byte>[8];
        for (int k = 0; k < 4; k++)
        {
            f[k] = Sse2.UnpackLow(px[2 * k], px[(2 * k) + 1]);
            f[k + 4] = Sse2.UnpackHigh(px[2 * k], px[(2 * k) + 1]);
        }

        for (int half = 0; half < 2; half++)
        {
            int k = half * 4;
            Vector128<ushort> g0 = Sse2.UnpackLow(f[k].AsUInt16(), f[k + 1].AsUInt16());
            Vector128<ushort> g1 = Sse2.UnpackHigh(f[k].AsUInt16(), f[k + 1].AsUInt16());
            Vector128<ushort> g2 = Sse2.UnpackLow(f[k + 2].AsUInt16(), f[k + 3].AsUInt16());
            Vector128<ushort> g3 = Sse2.UnpackHigh(f[k + 2].AsUInt16(), f[k + 3].AsUInt16());
            int r = half * 8;
            WriteRows(rows, r, Sse2.UnpackLow(g0.AsUInt32(), g2.AsUInt32()));
            WriteRows(rows, r + 2, Sse2.UnpackHigh(g0.AsUInt32(), g2.AsUInt32()));
            WriteRows(rows, r + 4, Sse2.UnpackLow(g1.AsUInt32(), g3.AsUInt32()));
            WriteRows(rows, r + 6, Sse2.UnpackHigh(g1.AsUInt32(), g3.AsUInt32()));
        }
    }

    private static void WriteRows(Span<ulong> rows, int r, Vector128<uint> two)
    {
        rows[r] = two.AsUInt64().GetElement(0);
        rows[r + 1] = two.AsUInt64().GetElement(1);
    }

    private readonly record struct Thresholds
    {
        public Thresholds(int limit, int interior, int hev)
        {
            Edge = Vp8LoopFilterVector.Edge((2 * limit) + 1);
            Interior = Vector128.Create((short)interior);
            Hev = Vector128.Create((short)hev);
        }

        public Vector128<short> Edge { get; init; }

        public Vector128<short> Interior { get; }

        public Vector128<short> Hev { get; }
    }

    /// <summary>p3, p2, p1, p0, q0, q1, q2, q3 as bytes.</summary>
    [InlineArray(8)]
    private struct Pixels
    {
        private Vector128<byte> _element;
    }

    /// <summary>The same eight rows widened to 16-bit lanes.</summary>
    [InlineArray(8)]
    private struct Lanes
    {
        private Vector128<short> _element;
    }
}
