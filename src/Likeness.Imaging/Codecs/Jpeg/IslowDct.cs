using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Likeness.Imaging.Codecs.Jpeg;

/// <summary>
/// What libjpeg's accurate integer DCTs (jfdctint.c and jidctint.c, "islow") share: the 13-bit fixed-point
/// constants, the even-part rotation, the odd-part butterfly and the 8x8 transpose between the passes. The
/// forward and inverse transforms use the same Loeffler-Ligtenberg-Moschytz factorisation, so these steps are
/// identical in both; the scalar helpers are generic so <see cref="int"/> and <see cref="long"/> callers share
/// them and the JIT still specialises each to plain integer arithmetic.
/// </summary>
internal static class IslowDct
{
    /// <summary>Fractional bits of the fixed-point constants.</summary>
    public const int ConstBits = 13;

    /// <summary>Extra precision bits carried between the two passes.</summary>
    public const int Pass1Bits = 2;

    private const int Fix0298631336 = 2446;
    private const int Fix0390180644 = 3196;
    private const int Fix0541196100 = 4433;
    private const int Fix0765366865 = 6270;
    private const int Fix0899976223 = 7373;
    private const int Fix1175875602 = 9633;
    private const int Fix1501321110 = 12299;
    private const int Fix1847759065 = 15137;
    private const int Fix1961570560 = 16069;
    private const int Fix2053119869 = 16819;
    private const int Fix2562915447 = 20995;
    private const int Fix3072711026 = 25172;

    /// <summary>
    /// The even part's rotation by sqrt(2)·c6: <paramref name="x"/> is the cos(2π/16) input (coefficient 2 on the
    /// inverse side), <paramref name="y"/> the cos(6π/16) one. Outputs are scaled by 2^<see cref="ConstBits"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Rotate<T>(T x, T y, out T withX, out T withY)
        where T : IBinaryInteger<T>
    {
        T z1 = (x + y) * T.CreateTruncating(Fix0541196100);
        withX = z1 + (x * T.CreateTruncating(Fix0765366865));
        withY = z1 + (y * T.CreateTruncating(-Fix1847759065));
    }

    /// <inheritdoc cref="Rotate{T}(T, T, out T, out T)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Rotate(Vector256<int> x, Vector256<int> y, out Vector256<int> withX, out Vector256<int> withY)
    {
        Vector256<int> z1 = (x + y) * Fix0541196100;
        withX = z1 + (x * Fix0765366865);
        withY = z1 + (y * -Fix1847759065);
    }

    /// <summary>
    /// The odd part's butterfly, in place. On the inverse side the inputs are coefficients 7, 5, 3, 1; on the
    /// forward side the differences d3−d4, d2−d5, d1−d6, d0−d7. Outputs are scaled by 2^<see cref="ConstBits"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Odd<T>(ref T a, ref T b, ref T c, ref T d)
        where T : IBinaryInteger<T>
    {
        T z1 = (a + d) * T.CreateTruncating(-Fix0899976223);
        T z2 = (b + c) * T.CreateTruncating(-Fix2562915447);
        T z3 = a + c;
        T z4 = b + d;
        T z5 = (z3 + z4) * T.CreateTruncating(Fix1175875602);
        z3 = (z3 * T.CreateTruncating(-Fix1961570560)) + z5;
        z4 = (z4 * T.CreateTruncating(-Fix0390180644)) + z5;
        a = (a * T.CreateTruncating(Fix0298631336)) + z1 + z3;
        b = (b * T.CreateTruncating(Fix2053119869)) + z2 + z4;
        c = (c * T.CreateTruncating(Fix3072711026)) + z2 + z3;
        d = (d * T.CreateTruncating(Fix1501321110)) + z1 + z4;
    }

    /// <inheritdoc cref="Odd{T}(ref T, ref T, ref T, ref T)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Odd(ref Vector256<int> a, ref Vector256<int> b, ref Vector256<int> c, ref Vector256<int> d)
    {
        Vector256<int> z1 = (a + d) * -Fix0899976223;
        Vector256<int> z2 = (b + c) * -Fix2562915447;
        Vector256<int> z3 = a + c;
        Vector256<int> z4 = b + d;
        Vector256<int> z5 = (z3 + z4) * Fix1175875602;
        z3 = (z3 * -Fix1961570560) + z5;
        z4 = (z4 * -Fix0390180644) + z5;
        a = (a * Fix0298631336) + z1 + z3;
        b = (b * Fix2053119869) + z2 + z4;
        c = (c * Fix3072711026) + z2 + z3;
        d = (d * Fix1501321110) + z1 + z4;
    }

    /// <summary>Transposes an 8x8 matrix of int32 held as eight row vectors (AVX2).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Transpose(
        ref Vector256<int> r0, ref Vector256<int> r1, ref Vector256<int> r2, ref Vector256<int> r3,
        ref Vector256<int> r4, ref Vector256<int> r5, ref Vector256<int> r6, ref Vector256<int> r7)
    {
        Vector256<long> t0 = Avx2.UnpackLow(r0, r1).AsInt64(), t1 = Avx2.UnpackHigh(r0, r1).AsInt64();
        Vector256<long> t2 = Avx2.UnpackLow(r2, r3).AsInt64(), t3 = Avx2.UnpackHigh(r2, r3).AsInt64();
        Vector256<long> t4 = Avx2.UnpackLow(r4, r5).AsInt64(), t5 = Avx2.UnpackHigh(r4, r5).AsInt64();
        Vector256<long> t6 = Avx2.UnpackLow(r6, r7).AsInt64(), t7 = Avx2.UnpackHigh(r6, r7).AsInt64();

        Vector256<int> u0 = Avx2.UnpackLow(t0, t2).AsInt32(), u1 = Avx2.UnpackHigh(t0, t2).AsInt32();
        Vector256<int> u2 = Avx2.UnpackLow(t1, t3).AsInt32(), u3 = Avx2.UnpackHigh(t1, t3).AsInt32();
        Vector256<int> u4 = Avx2.UnpackLow(t4, t6).AsInt32(), u5 = Avx2.UnpackHigh(t4, t6).AsInt32();
        Vector256<int> u6 = Avx2.UnpackLow(t5, t7).AsInt32(), u7 = Avx2.UnpackHigh(t5, t7).AsInt32();

        r0 = Avx2.Permute2x128(u0, u4, 0x20);
        r1 = Avx2.Permute2x128(u1, u5, 0x20);
        r2 = Avx2.Permute2x128(u2, u6, 0x20);
        r3 = Avx2.Permute2x128(u3, u7, 0x20);
        r4 = Avx2.Permute2x128(u0, u4, 0x31);
        r5 = Avx2.Permute2x128(u1, u5, 0x31);
        r6 = Avx2.Permute2x128(u2, u6, 0x31);
        r7 = Avx2.Permute2x128(u3, u7, 0x31);
    }
}
