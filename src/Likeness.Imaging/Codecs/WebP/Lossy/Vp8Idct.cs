using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Likeness.Imaging.Codecs.WebP.Lossy;

/// <summary>
/// The VP8 inverse transforms (RFC 6386 section 14): the 4x4 integer DCT added onto the prediction, and the
/// Walsh-Hadamard transform that spreads the Y2 block over the DC of the sixteen luma blocks. The arithmetic is
/// libwebp's, so the output is bit-exact.
/// </summary>
internal static class Vp8Idct
{
    /// <summary>Inverts the DCT of <paramref name="input"/> (16 coefficients) and adds it onto the 4x4 pixels at <paramref name="dst"/>.</summary>
    [SkipLocalsInit]
    public static void AddInverseDct(ReadOnlySpan<short> input, Span<byte> dst, int stride)
    {
        if (input.Length < 16 || dst.Length < (3 * stride) + 4)
        {
            throw new ArgumentException("A 4x4 block needs 16 coefficients and four rows of pixels.");
        }

        ref short inp = ref MemoryMarshal.GetReference(input);
        ref byte o = ref MemoryMarshal.GetReference(dst);
        Span<int> tmp = stackalloc int[16];
        ref int t = ref MemoryMarshal.GetReference(tmp);
        for (int i = 0; i < 4; i++)
        {
            // Vertical pass over column i.
            int in0 = Unsafe.Add(ref inp, i), in4 = Unsafe.Add(ref inp, 4 + i), in8 = Unsafe.Add(ref inp, 8 + i), in12 = Unsafe.Add(ref inp, 12 + i);
            int a = in0 + in8;
            int b = in0 - in8;
            int c = Mul2(in4) - Mul1(in12);
            int d = Mul1(in4) + Mul2(in12);
            Unsafe.Add(ref t, 4 * i) = a + d;
            Unsafe.Add(ref t, (4 * i) + 1) = b + c;
            Unsafe.Add(ref t, (4 * i) + 2) = b - c;
            Unsafe.Add(ref t, (4 * i) + 3) = a - d;
        }

        for (int i = 0; i < 4; i++)
        {
            // Horizontal pass over row i, with the rounding constant folded into the DC term.
            int dc = Unsafe.Add(ref t, i) + 4;
            int t4 = Unsafe.Add(ref t, 4 + i), t8 = Unsafe.Add(ref t, 8 + i), t12 = Unsafe.Add(ref t, 12 + i);
            int a = dc + t8;
            int b = dc - t8;
            int c = Mul2(t4) - Mul1(t12);
            int d = Mul1(t4) + Mul2(t12);
            ref byte row = ref Unsafe.Add(ref o, i * stride);
            row = Clip8(row + ((a + d) >> 3));
            Unsafe.Add(ref row, 1) = Clip8(Unsafe.Add(ref row, 1) + ((b + c) >> 3));
            Unsafe.Add(ref row, 2) = Clip8(Unsafe.Add(ref row, 2) + ((b - c) >> 3));
            Unsafe.Add(ref row, 3) = Clip8(Unsafe.Add(ref row, 3) + ((a - d) >> 3));
        }
    }

    /// <summary>Adds a block whose only coefficient is the DC: every pixel moves by (dc + 4) >> 3.</summary>
    public static void AddDcOnly(short dcCoefficient, Span<byte> dst, int stride)
    {
        int dc = (dcCoefficient + 4) >> 3;
        for (int y = 0; y < 4; y++)
        {
            Span<byte> row = dst.Slice(y * stride, 4);
            for (int x = 0; x < 4; x++)
            {
                row[x] = Clip8(row[x] + dc);
            }
        }
    }

    /// <summary>Inverts the WHT of the Y2 block into the DC coefficient (index 16 × n) of each luma block n.</summary>
    public static void InverseWalshHadamard(ReadOnlySpan<short> input, Span<short> output)
    {
        Span<int> tmp = stackalloc int[16];
        for (int i = 0; i < 4; i++)
        {
            int a0 = input[i] + input[12 + i];
            int a1 = input[4 + i] + input[8 + i];
            int a2 = input[4 + i] - input[8 + i];
            int a3 = input[i] - input[12 + i];
            tmp[i] = a0 + a1;
            tmp[8 + i] = a0 - a1;
            tmp[4 + i] = a3 + a2;
            tmp[12 + i] = a3 - a2;
        }

        for (int i = 0; i < 4; i++)
        {
            int dc = tmp[i * 4] + 3;
            int a0 = dc + tmp[(i * 4) + 3];
            int a1 = tmp[(i * 4) + 1] + tmp[(i * 4) + 2];
            int a2 = tmp[(i * 4) + 1] - tmp[(i * 4) + 2];
            int a3 = dc - tmp[(i * 4) + 3];
            int o = i * 64;
            output[o] = (short)((a0 + a1) >> 3);
            output[o + 16] = (short)((a3 + a2) >> 3);
            output[o + 32] = (short)((a0 - a1) >> 3);
            output[o + 48] = (short)((a3 - a2) >> 3);
        }
    }

    /// <summary>x × sqrt(2) × cos(π/8), in libwebp's fixed point.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Mul1(int a) => ((a * 20091) >> 16) + a;

    /// <summary>x × sqrt(2) × sin(π/8), in libwebp's fixed point.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Mul2(int a) => (a * 35468) >> 16;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static byte Clip8(int v) => (uint)v <= 255 ? (byte)v : v < 0 ? (byte)0 : (byte)255;
}
