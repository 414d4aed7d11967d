namespace Likeness.Imaging.Codecs.Jpeg.Encoding;

/// <summary>
/// libjpeg's accurate integer forward DCT (<c>jfdctint.c</c>, "islow": Loeffler-Ligtenberg-Moschytz with 13-bit
/// constants) and its quantization. The output is the true DCT scaled by 8, which the quantizer removes by
/// dividing by 8 × the table entry, rounding half away from zero.
/// </summary>
internal static class ForwardDct
{
    private const int ConstBits = 13;
    private const int Pass1Bits = 2;
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

    /// <summary>Transforms a block of level-shifted samples (-128..127) in place, row-major.</summary>
    public static void Transform(Span<int> block)
    {
        if (block.Length < 64)
        {
            throw new ArgumentException("A block has 64 values.", nameof(block));
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
    /// Quantizes DCT output (scaled by 8) with table <paramref name="table"/> (natural order): libjpeg's
    /// <c>(|x| + q/2) / q</c> with q = 8 × entry, sign restored.
    /// </summary>
    public static void Quantize(ReadOnlySpan<int> coefficients, ReadOnlySpan<ushort> table, Span<int> destination)
    {
        for (int i = 0; i < 64; i++)
        {
            int q = table[i] << 3;
            int x = coefficients[i];
            int magnitude = ((x < 0 ? -x : x) + (q >> 1)) / q;
            destination[i] = x < 0 ? -magnitude : magnitude;
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
        long z1 = (tmp12 + tmp13) * Fix0541196100;
        d[i2] = Descale(z1 + (tmp13 * Fix0765366865), shiftOdd);
        d[i6] = Descale(z1 + (tmp12 * -Fix1847759065), shiftOdd);

        // Odd part.
        z1 = tmp4 + tmp7;
        long z2 = tmp5 + tmp6;
        long z3 = tmp4 + tmp6;
        long z4 = tmp5 + tmp7;
        long z5 = (z3 + z4) * Fix1175875602;
        tmp4 *= Fix0298631336;
        tmp5 *= Fix2053119869;
        tmp6 *= Fix3072711026;
        tmp7 *= Fix1501321110;
        z1 *= -Fix0899976223;
        z2 *= -Fix2562915447;
        z3 *= -Fix1961570560;
        z4 *= -Fix0390180644;
        z3 += z5;
        z4 += z5;
        d[i7] = Descale(tmp4 + z1 + z3, shiftOdd);
        d[i5] = Descale(tmp5 + z2 + z4, shiftOdd);
        d[i3] = Descale(tmp6 + z2 + z3, shiftOdd);
        d[i1] = Descale(tmp7 + z1 + z4, shiftOdd);
    }

    private static int Even(long value, int shift) => shift < 0 ? (int)(value << -shift) : Descale(value, shift);

    /// <summary>libjpeg's <c>DESCALE</c>: shift right by <paramref name="n"/>, rounding half up.</summary>
    private static int Descale(long value, int n) => (int)((value + (1L << (n - 1))) >> n);
}
