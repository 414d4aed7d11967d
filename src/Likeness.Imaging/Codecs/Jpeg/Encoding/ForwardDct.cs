using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Likeness.Imaging.Codecs.Jpeg.Encoding;

/// <summary>
/// libjpeg's accurate integer forward DCT (<c>jfdctint.c</c>, "islow": Loeffler-Ligtenberg-Moschytz with 13-bit
/// constants). The output is the true DCT scaled by 8, which <see cref="Quantizer"/> removes. The AVX2 path runs
/// the same integer steps on eight rows (or columns) at once, transposing between the passes; all intermediates
/// fit in 32 bits (libjpeg-turbo's SIMD version relies on the same bound), so it equals the scalar reference.
/// </summary>
internal static class ForwardDct
{
    private const int ConstBits = IslowDct.ConstBits;
    private const int Pass1Bits = IslowDct.Pass1Bits;

    /// <summary>Transforms a block of level-shifted samples (-128..127) in place, row-major.</summary>
    public static void Transform(Span<int> block, SimdLevel level)
    {
        if (block.Length < 64)
        {
            throw new ArgumentException("A block has 64 values.", nameof(block));
        }

        if (level >= SimdLevel.Vector256)
        {
            TransformVector(block);
            return;
        }

        for (int row = 0; row < 64; row += 8)
        {
            Pass(block, row, 1, shiftEven: -Pass1Bits, shiftOdd: ConstBits - Pass1Bits);
        }

        for (int column = 0; column < 8; column++)
        {
            Pass(block, column, 8, shiftEven: Pass1Bits, shiftOdd: ConstBits + Pass1Bits);
        }
    }

    /// <summary>
    /// One 1-D pass over 8 values <paramref name="stride"/> apart. Pass 1 scales the even part up by
    /// 2^PASS1_BITS (a negative <paramref name="shiftEven"/>); pass 2 descales it with rounding.
    /// </summary>
    private static void Pass(Span<int> d, int start, int stride, int shiftEven, int shiftOdd)
    {
        int i0 = start, i1 = start + stride, i2 = start + (2 * stride), i3 = start + (3 * stride);
        int i4 = start + (4 * stride), i5 = start + (5 * stride), i6 = start + (6 * stride), i7 = start + (7 * stride);
        long tmp0 = d[i0] + d[i7];
        long tmp7 = d[i0] - d[i7];
        long tmp1 = d[i1] + d[i6];
        long tmp6 = d[i1] - d[i6];
        long tmp2 = d[i2] + d[i5];
        long tmp5 = d[i2] - d[i5];
        long tmp3 = d[i3] + d[i4];
        long tmp4 = d[i3] - d[i4];

        // Even part.
        long tmp10 = tmp0 + tmp3;
        long tmp13 = tmp0 - tmp3;
        long tmp11 = tmp1 + tmp2;
        long tmp12 = tmp1 - tmp2;
        d[i0] = Even(tmp10 + tmp11, shiftEven);
        d[i4] = Even(tmp10 - tmp11, shiftEven);
        IslowDct.Rotate(tmp13, tmp12, out long even2, out long even6);
        d[i2] = Descale(even2, shiftOdd);
        d[i6] = Descale(even6, shiftOdd);

        // Odd part.
        IslowDct.Odd(ref tmp4, ref tmp5, ref tmp6, ref tmp7);
        d[i7] = Descale(tmp4, shiftOdd);
        d[i5] = Descale(tmp5, shiftOdd);
        d[i3] = Descale(tmp6, shiftOdd);
        d[i1] = Descale(tmp7, shiftOdd);
    }

    private static int Even(long value, int shift) => shift < 0 ? (int)(value << -shift) : Descale(value, shift);

    /// <summary>libjpeg's <c>DESCALE</c>: shift right by <paramref name="n"/>, rounding half up.</summary>
    private static int Descale(long value, int n) => (int)((value + (1L << (n - 1))) >> n);

    private static unsafe void TransformVector(Span<int> block)
    {
        fixed (int* p = block)
        {
            Vector256<int> r0 = Vector256.Load(p), r1 = Vector256.Load(p + 8), r2 = Vector256.Load(p + 16), r3 = Vector256.Load(p + 24);
            Vector256<int> r4 = Vector256.Load(p + 32), r5 = Vector256.Load(p + 40), r6 = Vector256.Load(p + 48), r7 = Vector256.Load(p + 56);

            // Rows: transpose so each vector holds one column position of all eight rows.
            IslowDct.Transpose(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7);
            PassVector(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7, pass1: true);
            IslowDct.Transpose(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7);

            // Columns: each vector is a row again, so lane j carries column j.
            PassVector(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7, pass1: false);
            r0.Store(p);
            r1.Store(p + 8);
            r2.Store(p + 16);
            r3.Store(p + 24);
            r4.Store(p + 32);
            r5.Store(p + 40);
            r6.Store(p + 48);
            r7.Store(p + 56);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PassVector(
        ref Vector256<int> d0, ref Vector256<int> d1, ref Vector256<int> d2, ref Vector256<int> d3,
        ref Vector256<int> d4, ref Vector256<int> d5, ref Vector256<int> d6, ref Vector256<int> d7,
        bool pass1)
    {
        int oddShift = pass1 ? ConstBits - Pass1Bits : ConstBits + Pass1Bits;
        Vector256<int> oddRound = Vector256.Create(1 << (oddShift - 1));
        Vector256<int> tmp0 = d0 + d7, tmp7 = d0 - d7, tmp1 = d1 + d6, tmp6 = d1 - d6;
        Vector256<int> tmp2 = d2 + d5, tmp5 = d2 - d5, tmp3 = d3 + d4, tmp4 = d3 - d4;

        Vector256<int> tmp10 = tmp0 + tmp3, tmp13 = tmp0 - tmp3, tmp11 = tmp1 + tmp2, tmp12 = tmp1 - tmp2;
        if (pass1)
        {
            d0 = (tmp10 + tmp11) << Pass1Bits;
            d4 = (tmp10 - tmp11) << Pass1Bits;
        }
        else
        {
            Vector256<int> evenRound = Vector256.Create(1 << (Pass1Bits - 1));
            d0 = (tmp10 + tmp11 + evenRound) >> Pass1Bits;
            d4 = (tmp10 - tmp11 + evenRound) >> Pass1Bits;
        }

        IslowDct.Rotate(tmp13, tmp12, out Vector256<int> even2, out Vector256<int> even6);
        d2 = (even2 + oddRound) >> oddShift;
        d6 = (even6 + oddRound) >> oddShift;

        IslowDct.Odd(ref tmp4, ref tmp5, ref tmp6, ref tmp7);
        d7 = (tmp4 + oddRound) >> oddShift;
        d5 = (tmp5 + oddRound) >> oddShift;
        d3 = (tmp6 + oddRound) >> oddShift;
        d1 = (tmp7 + oddRound) >> oddShift;
    }
}
