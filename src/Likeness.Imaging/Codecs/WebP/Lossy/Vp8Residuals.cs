using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Likeness.Imaging.Codecs.WebP.Lossy;

/// <summary>
/// Reads the DCT/WHT coefficient tokens of one macroblock (RFC 6386 section 13) and dequantises them. It tracks
/// which neighbouring blocks had coefficients, the context of the next block's first token.
/// </summary>
internal static class Vp8Residuals
{
    /// <summary>Coefficients of a macroblock: 16 luma blocks, 4 U, 4 V, 16 each, in raster order within a block.</summary>
    public const int CoeffCount = 384;

    private const int TypeY2 = 1;
    private const int TypeYAfterY2 = 0;
    private const int TypeChroma = 2;
    private const int TypeYAlone = 3;

    /// <summary>Zig-zag position to raster index within a 4x4 block.</summary>
    private static ReadOnlySpan<byte> Zigzag => [0, 1, 4, 8, 5, 2, 3, 6, 9, 12, 13, 10, 7, 11, 14, 15];

    /// <summary>Offset, within one type's probabilities, of the band of each coefficient position (and one past the end).</summary>
    private static ReadOnlySpan<byte> BandOffsets => [0, 33, 66, 99, 198, 132, 165, 198, 198, 198, 198, 198, 198, 198, 198, 231, 0];

    private static ReadOnlySpan<byte> Cat3 => [173, 148, 140];

    private static ReadOnlySpan<byte> Cat4 => [176, 155, 140, 135];

    private static ReadOnlySpan<byte> Cat5 => [180, 157, 141, 134, 130];

    private static ReadOnlySpan<byte> Cat6 => [254, 254, 243, 230, 196, 177, 153, 140, 133, 130, 129];

    /// <summary>
    /// Parses the residuals of one macroblock into <paramref name="coeffs"/> (cleared first). The non-zero context
    /// bits are updated: <paramref name="top"/> and <paramref name="left"/> hold bit 0..3 for the four luma columns or
    /// rows, 4..5 for U and 6..7 for V, and bit 8 for the Y2 block. Returns, per 4x4 block (bit n for luma block n,
    /// 16..19 for U, 20..23 for V), whether it has any non-zero coefficient; <paramref name="acMask"/> says which
    /// blocks have more than a DC coefficient.
    /// </summary>
    public static uint Parse(
        ref Vp8BoolDecoder reader, byte[] probabilities, in Vp8Quantizer q, bool is4x4, Span<short> coeffs, ref int top, ref int left, out uint acMask)
    {
        coeffs.Clear();
        uint nonZero = 0;
        acMask = 0;
        int first;
        int yType;
        if (!is4x4)
        {
            Span<short> dc = stackalloc short[16];
            int ctx = ((top >> 8) & 1) + ((left >> 8) & 1);
            int nz = GetCoeffs(ref reader, probabilities, TypeY2, ctx, q.Y2Dc, q.Y2Ac, 0, dc);
            int flag = nz > 0 ? 1 : 0;
            top = (top & ~0x100) | (flag << 8);
            left = (left & ~0x100) | (flag << 8);
            if (nz > 1)
            {
                Vp8Idct.InverseWalshHadamard(dc, coeffs);
            }
            else
            {
                short dc0 = (short)((dc[0] + 3) >> 3);
                for (int i = 0; i < 256; i += 16)
                {
                    coeffs[i] = dc0;
                }
            }

            first = 1;
            yType = TypeYAfterY2;
        }
        else
        {
            first = 0;
            yType = TypeYAlone;
        }

        int tnz = top & 0x0F;
        int lnz = left & 0x0F;
        for (int y = 0; y < 4; y++)
        {
            int l = (lnz >> y) & 1;
            for (int x = 0; x < 4; x++)
            {
                int n = (y * 4) + x;
                Span<short> block = coeffs.Slice(n * 16, 16);
                int ctx = l + ((tnz >> x) & 1);
                int nz = GetCoeffs(ref reader, probabilities, yType, ctx, q.Y1Dc, q.Y1Ac, first, block);
                l = nz > first ? 1 : 0;
                tnz = (tnz & ~(1 << x)) | (l << x);
                if (nz > 1 || block[0] != 0)
                {
                    nonZero |= 1u << n;
                    acMask |= nz > 1 ? 1u << n : 0;
                }
            }

            lnz = (lnz & ~(1 << y)) | (l << y);
        }

        int topBits = tnz;
        int leftBits = lnz;
        for (int ch = 0; ch < 2; ch++)
        {
            int shift = 4 + (2 * ch);
            int ctnz = (top >> shift) & 3;
            int clnz = (left >> shift) & 3;
            for (int y = 0; y < 2; y++)
            {
                int l = (clnz >> y) & 1;
                for (int x = 0; x < 2; x++)
                {
                    int n = 16 + (ch * 4) + (y * 2) + x;
                    Span<short> block = coeffs.Slice(n * 16, 16);
                    int ctx = l + ((ctnz >> x) & 1);
                    int nz = GetCoeffs(ref reader, probabilities, TypeChroma, ctx, q.UvDc, q.UvAc, 0, block);
                    l = nz > 0 ? 1 : 0;
                    ctnz = (ctnz & ~(1 << x)) | (l << x);
                    if (nz > 1 || block[0] != 0)
                    {
                        nonZero |= 1u << n;
                        acMask |= nz > 1 ? 1u << n : 0;
                    }
                }

                clnz = (clnz & ~(1 << y)) | (l << y);
            }

            topBits |= ctnz << shift;
            leftBits |= clnz << shift;
        }

        top = (top & 0x100) | topBits;
        left = (left & 0x100) | leftBits;
        return nonZero;
    }

    /// <summary>
    /// Reads the tokens of one block from position <paramref name="n"/>; returns the position after the last token
    /// read (0 or <paramref name="n"/> when the block is empty), as libwebp's GetCoeffs does.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int GetCoeffs(
        ref Vp8BoolDecoder reader, byte[] probabilities, int type, int ctx, int dcFactor, int acFactor, int n, Span<short> block)
    {
        ref byte typeBase = ref MemoryMarshal.GetArrayDataReference(probabilities);
        typeBase = ref Unsafe.Add(ref typeBase, type * 264);
        ref byte bands = ref MemoryMarshal.GetReference(BandOffsets);
        ref byte zigzag = ref MemoryMarshal.GetReference(Zigzag);
        ref byte p = ref Unsafe.Add(ref typeBase, Unsafe.Add(ref bands, n) + (ctx * 11));
        for (; n < 16; n++)
        {
            if (reader.GetBit(p) == 0)
            {
                return n; // end of block
            }

            while (reader.GetBit(Unsafe.Add(ref p, 1)) == 0)
            {
                // A zero coefficient: the next one is coded in context 0.
                n++;
                if (n == 16)
                {
                    return 16;
                }

                p = ref Unsafe.Add(ref typeBase, Unsafe.Add(ref bands, n));
            }

            int v;
            int nextCtx;
            if (reader.GetBit(Unsafe.Add(ref p, 2)) == 0)
            {
                v = 1;
                nextCtx = 1;
            }
            else
            {
                v = LargeValue(ref reader, ref p);
                nextCtx = 2;
            }

            block[Unsafe.Add(ref zigzag, n)] = (short)(reader.GetSigned(v) * (n > 0 ? acFactor : dcFactor));
            p = ref Unsafe.Add(ref typeBase, Unsafe.Add(ref bands, n + 1) + (nextCtx * 11));
        }

        return 16;
    }

    /// <summary>A coefficient magnitude of 2 or more: the rest of the token tree and the extra bits of categories 3 to 6.</summary>
    private static int LargeValue(ref Vp8BoolDecoder reader, ref byte p)
    {
        if (reader.GetBit(Unsafe.Add(ref p, 3)) == 0)
        {
            return reader.GetBit(Unsafe.Add(ref p, 4)) == 0 ? 2 : 3 + reader.GetBit(Unsafe.Add(ref p, 5));
        }

        if (reader.GetBit(Unsafe.Add(ref p, 6)) == 0)
        {
            if (reader.GetBit(Unsafe.Add(ref p, 7)) == 0)
            {
                return 5 + reader.GetBit(159); // category 1
            }

            int v = 7 + (2 * reader.GetBit(165)); // category 2
            return v + reader.GetBit(145);
        }

        int bit1 = reader.GetBit(Unsafe.Add(ref p, 8));
        int bit0 = reader.GetBit(Unsafe.Add(ref p, 9 + bit1));
        int cat = (2 * bit1) + bit0;
        ReadOnlySpan<byte> extra = cat switch { 0 => Cat3, 1 => Cat4, 2 => Cat5, _ => Cat6 };
        int value = 0;
        foreach (byte probability in extra)
        {
            value += value + reader.GetBit(probability);
        }

        return value + 3 + (8 << cat);
    }
}
