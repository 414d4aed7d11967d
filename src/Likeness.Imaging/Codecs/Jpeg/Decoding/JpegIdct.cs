using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Likeness.Imaging.Codecs.Jpeg.Decoding;

/// <summary>
/// libjpeg's accurate integer inverse DCT (jidctint.c, "ISLOW": 13-bit constants, 2 extra bits between the
/// passes), dequantising on the fly and writing clamped 8-bit samples. The scalar path is the reference; the
/// AVX2 path runs the same arithmetic on all 8 columns at once and must match it bit for bit.
/// </summary>
internal static class JpegIdct
{
    private const int Pass1Shift = IslowDct.ConstBits - IslowDct.Pass1Bits;
    private const int Pass2Shift = IslowDct.ConstBits + IslowDct.Pass1Bits + 3;

    /// <summary>Transforms one block of 64 coefficients (natural order) into 8 rows of 8 samples.</summary>
    public static void Transform(ReadOnlySpan<short> coefs, ReadOnlySpan<int> quant, Span<byte> output, int stride)
    {
        if (coefs.Length < 64 || quant.Length < 64 || output.Length < (7 * stride) + 8)
        {
            throw new ArgumentException("The block, quantisation table or output is too small.");
        }

        if (Avx2.IsSupported)
        {
            if (IsDcOnly(coefs))
            {
                FillDc(coefs[0] * quant[0], output, stride);
            }
            else
            {
                TransformAvx2(coefs, quant, output, stride);
            }
        }
        else
        {
            TransformScalar(coefs, quant, output, stride);
        }
    }

    /// <summary>True when every AC coefficient is zero (common in smooth areas and early progressive scans).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsDcOnly(ReadOnlySpan<short> coefs)
    {
        ref short c = ref MemoryMarshal.GetReference(coefs);
        Vector256<short> any = Vector256.LoadUnsafe(ref c).WithElement(0, (short)0)
            | Vector256.LoadUnsafe(ref c, 16) | Vector256.LoadUnsafe(ref c, 32) | Vector256.LoadUnsafe(ref c, 48);
        return any == Vector256<short>.Zero;
    }

    /// <summary>
    /// A DC-only block is flat: both passes reduce to DESCALE(dc × 4, 5), exactly what jidctint.c's own
    /// AC-zero shortcuts compute, so the result is bit-identical to the full transform.
    /// </summary>
    private static void FillDc(int dequantizedDc, Span<byte> output, int stride)
    {
        byte value = (byte)Math.Clamp((((dequantizedDc << IslowDct.Pass1Bits) + 16) >> 5) + 128, 0, 255);
        ulong row = value * 0x0101010101010101UL;
        for (int y = 0; y < 8; y++)
        {
            Unsafe.WriteUnaligned(ref output[y * stride], row);
        }
    }

    /// <summary>The reference path, a line-by-line port of jpeg_idct_islow.</summary>
    internal static void TransformScalar(ReadOnlySpan<short> coefs, ReadOnlySpan<int> quant, Span<byte> output, int stride)
    {
        Span<int> ws = stackalloc int[64];
        Span<int> v = stackalloc int[8];
        for (int col = 0; col < 8; col++)
        {
            for (int k = 0; k < 8; k++)
            {
                v[k] = coefs[(k * 8) + col] * quant[(k * 8) + col];
            }

            Idct1D(v, Pass1Shift);
            for (int k = 0; k < 8; k++)
            {
                ws[(k * 8) + col] = v[k];
            }
        }

        for (int row = 0; row < 8; row++)
        {
            Span<int> w = ws.Slice(row * 8, 8);
            Idct1D(w, Pass2Shift);
            Span<byte> dst = output.Slice(row * stride, 8);
            for (int k = 0; k < 8; k++)
            {
                dst[k] = (byte)Math.Clamp(w[k] + 128, 0, 255);
            }
        }
    }

    private static void Idct1D(Span<int> v, int shift)
    {
        IslowDct.Rotate(v[2], v[6], out int tmp3, out int tmp2);
        int tmp0 = (v[0] + v[4]) << IslowDct.ConstBits;
        int tmp1 = (v[0] - v[4]) << IslowDct.ConstBits;
        int tmp10 = tmp0 + tmp3;
        int tmp13 = tmp0 - tmp3;
        int tmp11 = tmp1 + tmp2;
        int tmp12 = tmp1 - tmp2;

        tmp0 = v[7];
        tmp1 = v[5];
        tmp2 = v[3];
        tmp3 = v[1];
        IslowDct.Odd(ref tmp0, ref tmp1, ref tmp2, ref tmp3);

        int round = 1 << (shift - 1);
        v[0] = (tmp10 + tmp3 + round) >> shift;
        v[7] = (tmp10 - tmp3 + round) >> shift;
        v[1] = (tmp11 + tmp2 + round) >> shift;
        v[6] = (tmp11 - tmp2 + round) >> shift;
        v[2] = (tmp12 + tmp1 + round) >> shift;
        v[5] = (tmp12 - tmp1 + round) >> shift;
        v[3] = (tmp13 + tmp0 + round) >> shift;
        v[4] = (tmp13 - tmp0 + round) >> shift;
    }

    /// <summary>The same arithmetic on Vector256: columns in lanes, a transpose between the passes.</summary>
    internal static void TransformAvx2(ReadOnlySpan<short> coefs, ReadOnlySpan<int> quant, Span<byte> output, int stride)
    {
        ref short c = ref MemoryMarshal.GetReference(coefs);
        ref int q = ref MemoryMarshal.GetReference(quant);
        Vector256<int> r0 = Load(ref c, ref q, 0);
        Vector256<int> r1 = Load(ref c, ref q, 8);
        Vector256<int> r2 = Load(ref c, ref q, 16);
        Vector256<int> r3 = Load(ref c, ref q, 24);
        Vector256<int> r4 = Load(ref c, ref q, 32);
        Vector256<int> r5 = Load(ref c, ref q, 40);
        Vector256<int> r6 = Load(ref c, ref q, 48);
        Vector256<int> r7 = Load(ref c, ref q, 56);

        Idct1D(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7, Pass1Shift);
        IslowDct.Transpose(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7);
        Idct1D(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7, Pass2Shift);
        IslowDct.Transpose(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7);

        ref byte dst = ref MemoryMarshal.GetReference(output);
        Store4Rows(ref dst, stride, r0, r1, r2, r3);
        Store4Rows(ref Unsafe.Add(ref dst, 4 * stride), stride, r4, r5, r6, r7);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Load(ref short coefs, ref int quant, int offset) =>
        Avx2.ConvertToVector256Int32(Vector128.LoadUnsafe(ref coefs, (nuint)offset))
        * Vector256.LoadUnsafe(ref quant, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store4Rows(ref byte dst, int stride, Vector256<int> a, Vector256<int> b, Vector256<int> c, Vector256<int> d)
    {
        Vector256<int> bias = Vector256.Create(128);
        Vector256<short> ab = Avx2.PackSignedSaturate(a + bias, b + bias);
        Vector256<short> cd = Avx2.PackSignedSaturate(c + bias, d + bias);
        Vector256<byte> packed = Avx2.PackUnsignedSaturate(ab, cd);
        Vector256<ulong> rows = Avx2.PermuteVar8x32(packed.AsInt32(), Vector256.Create(0, 4, 1, 5, 2, 6, 3, 7)).AsUInt64();
        Unsafe.WriteUnaligned(ref dst, rows.GetElement(0));
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, stride), rows.GetElement(1));
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, 2 * stride), rows.GetElement(2));
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, 3 * stride), rows.GetElement(3));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Idct1D(
        ref Vector256<int> v0, ref Vector256<int> v1, ref Vector256<int> v2, ref Vector256<int> v3,
        ref Vector256<int> v4, ref Vector256<int> v5, ref Vector256<int> v6, ref Vector256<int> v7, int shift)
    {
        IslowDct.Rotate(v2, v6, out Vector256<int> tmp3, out Vector256<int> tmp2);
        Vector256<int> tmp0 = (v0 + v4) << IslowDct.ConstBits;
        Vector256<int> tmp1 = (v0 - v4) << IslowDct.ConstBits;
        Vector256<int> tmp10 = tmp0 + tmp3;
        Vector256<int> tmp13 = tmp0 - tmp3;
        Vector256<int> tmp11 = tmp1 + tmp2;
        Vector256<int> tmp12 = tmp1 - tmp2;

        tmp0 = v7;
        tmp1 = v5;
        tmp2 = v3;
        tmp3 = v1;
        IslowDct.Odd(ref tmp0, ref tmp1, ref tmp2, ref tmp3);

        Vector256<int> round = Vector256.Create(1 << (shift - 1));
        tmp10 += round;
        tmp11 += round;
        tmp12 += round;
        tmp13 += round;
        v0 = Vector256.ShiftRightArithmetic(tmp10 + tmp3, shift);
        v7 = Vector256.ShiftRightArithmetic(tmp10 - tmp3, shift);
        v1 = Vector256.ShiftRightArithmetic(tmp11 + tmp2, shift);
        v6 = Vector256.ShiftRightArithmetic(tmp11 - tmp2, shift);
        v2 = Vector256.ShiftRightArithmetic(tmp12 + tmp1, shift);
        v5 = Vector256.ShiftRightArithmetic(tmp12 - tmp1, shift);
        v3 = Vector256.ShiftRightArithmetic(tmp13 + tmp0, shift);
        v4 = Vector256.ShiftRightArithmetic(tmp13 - tmp0, shift);
    }
}
