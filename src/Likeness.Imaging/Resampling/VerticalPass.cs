using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Likeness.Imaging.Resampling;

/// <summary>
/// Pillow's <c>ImagingResampleVertical_8bpc</c>: each output row is a weighted sum of a run of input rows. Every
/// byte of a row is independent, so the vector paths widen 16, 8 or 4 bytes to int32 lanes and multiply-add one
/// broadcast weight per input row; whatever is left of a row falls through to the next narrower path.
/// </summary>
internal static unsafe class VerticalPass
{
    /// <summary>
    /// Resamples destination rows <c>[rowStart, rowEnd)</c> of <paramref name="rowBytes"/> bytes each. Source row
    /// <c>i</c> of <paramref name="coefficients"/> is row <c>i - sourceFirstRow</c> of <paramref name="source"/>.
    /// </summary>
    public static void Run(
        ReadOnlySpan<byte> source,
        Span<byte> destination,
        int rowBytes,
        AxisCoefficients coefficients,
        int sourceFirstRow,
        int rowStart,
        int rowEnd,
        SimdLevel level)
    {
        fixed (byte* src = source)
        fixed (byte* dst = destination)
        {
            for (int y = rowStart; y < rowEnd; y++)
            {
                byte* first = src + ((long)(coefficients.First(y) - sourceFirstRow) * rowBytes);
                Row(first, dst + ((long)y * rowBytes), rowBytes, coefficients.Weights(y), level);
            }
        }
    }

    private static void Row(byte* first, byte* output, int rowBytes, ReadOnlySpan<int> weights, SimdLevel level)
    {
        int i = 0;
        if (level >= SimdLevel.Vector512)
        {
            for (; i + 16 <= rowBytes; i += 16)
            {
                Vector512<int> acc = Vector512.Create(AxisCoefficients.Half);
                byte* column = first + i;
                for (int j = 0; j < weights.Length; j++, column += rowBytes)
                {
                    acc += Avx512F.ConvertToVector512Int32(Vector128.Load(column)) * Vector512.Create(weights[j]);
                }

                FixedPoint.Clip8x16(acc).Store(output + i);
            }
        }

        if (level >= SimdLevel.Vector256)
        {
            for (; i + 8 <= rowBytes; i += 8)
            {
                Vector256<int> acc = Vector256.Create(AxisCoefficients.Half);
                byte* column = first + i;
                for (int j = 0; j < weights.Length; j++, column += rowBytes)
                {
                    acc += Avx2.ConvertToVector256Int32(column) * Vector256.Create(weights[j]);
                }

                Unsafe.WriteUnaligned(output + i, FixedPoint.Clip8x8(acc));
            }
        }

        if (level >= SimdLevel.Vector128)
        {
            for (; i + 4 <= rowBytes; i += 4)
            {
                Vector128<int> acc = Vector128.Create(AxisCoefficients.Half);
                byte* column = first + i;
                for (int j = 0; j < weights.Length; j++, column += rowBytes)
                {
                    acc += Sse41.ConvertToVector128Int32(column) * Vector128.Create(weights[j]);
                }

                Unsafe.WriteUnaligned(output + i, FixedPoint.Clip8x4(acc));
            }
        }

        for (; i < rowBytes; i++)
        {
            int sum = AxisCoefficients.Half;
            byte* column = first + i;
            for (int j = 0; j < weights.Length; j++, column += rowBytes)
            {
                sum += *column * weights[j];
            }

            output[i] = FixedPoint.Clip8(sum);
        }
    }
}
