using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Likeness.Imaging.Codecs.Jpeg.Encoding;

/// <summary>
/// Divides DCT output (scaled by 8) by 8 × the quantization table, rounding half away from zero, the way
/// libjpeg-turbo does it: by multiplying with a precomputed reciprocal (<c>compute_reciprocal</c> in
/// <c>jcdctmgr.c</c>), exact for every 16-bit input, which also lets it run eight lanes at a time.
/// </summary>
internal sealed class Quantizer
{
    private readonly int[] _reciprocal = new int[64];
    private readonly int[] _correction = new int[64];
    private readonly int[] _shift = new int[64];

    /// <summary>Prepares the divisors 8 × <paramref name="table"/>[i] (natural order).</summary>
    public Quantizer(ReadOnlySpan<ushort> table)
    {
        for (int i = 0; i < 64; i++)
        {
            int divisor = table[i] << 3;
            int b = 31 - int.LeadingZeroCount(divisor);
            int r = 16 + b;
            long fq = (1L << r) / divisor;
            long fr = (1L << r) % divisor;
            int c = divisor / 2;
            if (fr == 0)
            {
                // A power of two: fq would need 17 bits.
                fq >>= 1;
                r--;
            }
            else if (fr <= divisor / 2)
            {
                c++;
            }
            else
            {
                fq++;
            }

            _reciprocal[i] = (int)fq;
            _correction[i] = c;
            _shift[i] = r;
        }
    }

    /// <summary>Quantizes 64 DCT outputs into <paramref name="destination"/> (both natural order).</summary>
    public unsafe void Quantize(ReadOnlySpan<int> coefficients, Span<int> destination, SimdLevel level)
    {
        if (coefficients.Length < 64 || destination.Length < 64)
        {
            throw new ArgumentException("Blocks have 64 values.", nameof(coefficients));
        }

        if (level >= SimdLevel.Vector256)
        {
            fixed (int* src = coefficients)
            fixed (int* dst = destination)
            fixed (int* reciprocal = _reciprocal)
            fixed (int* correction = _correction)
            fixed (int* shift = _shift)
            {
                for (int i = 0; i < 64; i += 8)
                {
                    Vector256<int> x = Vector256.Load(src + i);
                    Vector256<int> magnitude = Vector256.Abs(x) + Vector256.Load(correction + i);
                    Vector256<uint> product = Avx2.ShiftRightLogicalVariable(
                        (magnitude * Vector256.Load(reciprocal + i)).AsUInt32(),
                        Vector256.Load(shift + i).AsUInt32());
                    Vector256<int> q = product.AsInt32();
                    Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<int>.Zero), -q, q).Store(dst + i);
                }
            }

            return;
        }

        for (int i = 0; i < 64; i++)
        {
            int x = coefficients[i];
            uint product = (uint)(((x < 0 ? -x : x) + _correction[i]) * _reciprocal[i]) >> _shift[i];
            destination[i] = x < 0 ? -(int)product : (int)product;
        }
    }
}
