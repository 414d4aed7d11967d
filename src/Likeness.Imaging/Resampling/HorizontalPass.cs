using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Likeness.Imaging.Resampling;

/// <summary>
/// Pillow's <c>ImagingResampleHorizontal_8bpc</c>: each output pixel is a weighted sum of a run of input pixels
/// of the same row. The vector paths widen every source pixel to four int32 lanes (RGB gets a zero fourth lane)
/// and multiply-add against weights repeated per lane, one to four taps per instruction.
/// </summary>
internal static unsafe class HorizontalPass
{
    /// <summary>Source pixels are widened to this many bytes in the vector paths.</summary>
    private const int LaneBytes = 4;

    /// <summary>Taps per 512-bit step; weight rows are padded to a multiple of it so every path reads whole steps.</summary>
    private const int TapsPerStep = 4;

    /// <summary>Weights per output pixel in <see cref="ExpandWeights"/>'s table.</summary>
    public static int LaneKernelSize(AxisCoefficients coefficients) =>
        (coefficients.KernelSize + TapsPerStep - 1) / TapsPerStep * TapsPerStep * LaneBytes;

    /// <summary>Bytes of scratch one worker needs for source rows of <paramref name="width"/> pixels (two widened rows).</summary>
    public static int ScratchBytes(int width) => 2 * RowScratchBytes(width);

    private static int RowScratchBytes(int width) => (width + TapsPerStep) * LaneBytes;

    /// <summary>Repeats each weight four times (one per lane), zero-padding every output pixel's taps to whole steps.</summary>
    public static void ExpandWeights(AxisCoefficients coefficients, Span<int> destination)
    {
        int stride = LaneKernelSize(coefficients);
        destination[..(stride * coefficients.OutSize)].Clear();
        for (int x = 0; x < coefficients.OutSize; x++)
        {
            ReadOnlySpan<int> weights = coefficients.Weights(x);
            Span<int> lanes = destination.Slice(x * stride, stride);
            for (int j = 0; j < weights.Length; j++)
            {
                lanes.Slice(j * LaneBytes, LaneBytes).Fill(weights[j]);
            }
        }
    }

    /// <summary>
    /// Resamples destination rows <c>[rowStart, rowEnd)</c>; destination row <c>r</c> reads source row
    /// <c>r + sourceRowOffset</c>. <paramref name="laneWeights"/> and <paramref name="scratch"/> are only read by
    /// the vector paths.
    /// </summary>
    public static void Run(
        ReadOnlySpan<byte> source,
        int sourceWidth,
        Span<byte> destination,
        int channels,
        AxisCoefficients coefficients,
        ReadOnlySpan<int> laneWeights,
        Span<byte> scratch,
        int sourceRowOffset,
        int rowStart,
        int rowEnd,
        SimdLevel level)
    {
        int sourceStride = sourceWidth * channels;
        int destinationStride = coefficients.OutSize * channels;
        int y = rowStart;
        if (level == SimdLevel.Vector512)
        {
            // Two rows per sweep share every weight load (the weight table outgrows L1 for large downscales).
            int rowScratch = RowScratchBytes(sourceWidth);
            Span<byte> first = scratch[..rowScratch];
            Span<byte> second = scratch.Slice(rowScratch, rowScratch);
            for (; y + 2 <= rowEnd; y += 2)
            {
                WidenRow(source.Slice((y + sourceRowOffset) * sourceStride, sourceStride), first, channels);
                WidenRow(source.Slice((y + 1 + sourceRowOffset) * sourceStride, sourceStride), second, channels);
                RowPair512(first, second, destination.Slice(y * destinationStride, 2 * destinationStride), channels, coefficients, laneWeights);
            }
        }

        for (; y < rowEnd; y++)
        {
            ReadOnlySpan<byte> sourceRow = source.Slice((y + sourceRowOffset) * sourceStride, sourceStride);
            Span<byte> destinationRow = destination.Slice(y * destinationStride, destinationStride);
            if (level == SimdLevel.Scalar)
            {
                RowScalar(sourceRow, destinationRow, channels, coefficients);
            }
            else
            {
                WidenRow(sourceRow, scratch, channels);
                RowVector(scratch, destinationRow, channels, coefficients, laneWeights, level);
            }
        }
    }

    private static void RowScalar(ReadOnlySpan<byte> source, Span<byte> destination, int channels, AxisCoefficients coefficients)
    {
        for (int x = 0; x < coefficients.OutSize; x++)
        {
            int first = coefficients.First(x);
            ReadOnlySpan<int> weights = coefficients.Weights(x);
            for (int c = 0; c < channels; c++)
            {
                int sum = AxisCoefficients.Half;
                for (int j = 0; j < weights.Length; j++)
                {
                    sum += source[((first + j) * channels) + c] * weights[j];
                }

                destination[(x * channels) + c] = FixedPoint.Clip8(sum);
            }
        }
    }

    /// <summary>Copies a row to four bytes per pixel, zero-filling the padding the last steps may read.</summary>
    private static void WidenRow(ReadOnlySpan<byte> source, Span<byte> scratch, int channels)
    {
        int pixels = source.Length / channels;
        scratch.Slice(pixels * LaneBytes, TapsPerStep * LaneBytes).Clear();
        if (channels == LaneBytes)
        {
            source.CopyTo(scratch);
            return;
        }

        // RGB -> RGB0, four pixels (12 of the 16 loaded bytes) per shuffle.
        Vector128<byte> spread = Vector128.Create((byte)0, 1, 2, 0x80, 3, 4, 5, 0x80, 6, 7, 8, 0x80, 9, 10, 11, 0x80);
        int x = 0;
        fixed (byte* src = source)
        fixed (byte* dst = scratch)
        {
            for (; (x * 3) + 16 <= source.Length; x += 4)
            {
                Ssse3.Shuffle(Vector128.Load(src + (x * 3)), spread).Store(dst + (x * LaneBytes));
            }
        }

        for (; x < pixels; x++)
        {
            scratch[x * LaneBytes] = source[x * 3];
            scratch[(x * LaneBytes) + 1] = source[(x * 3) + 1];
            scratch[(x * LaneBytes) + 2] = source[(x * 3) + 2];
            scratch[(x * LaneBytes) + 3] = 0;
        }
    }

    private static void RowVector(
        ReadOnlySpan<byte> scratch,
        Span<byte> destination,
        int channels,
        AxisCoefficients coefficients,
        ReadOnlySpan<int> laneWeights,
        SimdLevel level)
    {
        int stride = LaneKernelSize(coefficients);
        fixed (byte* row = scratch)
        fixed (int* allWeights = laneWeights)
        fixed (byte* dst = destination)
        {
            for (int x = 0; x < coefficients.OutSize; x++)
            {
                byte* pixels = row + (coefficients.First(x) * LaneBytes);
                int* weights = allWeights + (x * stride);
                int count = coefficients.Count(x);
                Vector128<int> sum = level switch
                {
                    SimdLevel.Vector512 => Sum512(pixels, weights, count),
                    SimdLevel.Vector256 => Sum256(pixels, weights, count),
                    _ => Sum128(pixels, weights, count),
                };

                Store(dst + (x * channels), sum, channels);
            }
        }
    }

    private static void RowPair512(
        ReadOnlySpan<byte> first,
        ReadOnlySpan<byte> second,
        Span<byte> destination,
        int channels,
        AxisCoefficients coefficients,
        ReadOnlySpan<int> laneWeights)
    {
        int stride = LaneKernelSize(coefficients);
        int destinationStride = coefficients.OutSize * channels;
        fixed (byte* rowA = first)
        fixed (byte* rowB = second)
        fixed (int* allWeights = laneWeights)
        fixed (byte* dst = destination)
        {
            for (int x = 0; x < coefficients.OutSize; x++)
            {
                int offset = coefficients.First(x) * LaneBytes;
                int* weights = allWeights + (x * stride);
                int count = coefficients.Count(x);
                Vector512<int> accA = Vector512<int>.Zero;
                Vector512<int> accB = Vector512<int>.Zero;
                for (int j = 0; j < count; j += 4)
                {
                    Vector512<int> w = Vector512.Load(weights + (j * LaneBytes));
                    accA += Avx512F.ConvertToVector512Int32(Vector128.Load(rowA + offset + (j * LaneBytes))) * w;
                    accB += Avx512F.ConvertToVector512Int32(Vector128.Load(rowB + offset + (j * LaneBytes))) * w;
                }

                Store(dst + (x * channels), Fold(accA), channels);
                Store(dst + destinationStride + (x * channels), Fold(accB), channels);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<int> Fold(Vector512<int> acc)
    {
        Vector256<int> half = acc.GetLower() + acc.GetUpper();
        return half.GetLower() + half.GetUpper();
    }

    /// <summary>Rounds, clips and writes one pixel's <paramref name="channels"/> bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(byte* output, Vector128<int> sum, int channels)
    {
        uint packed = FixedPoint.Clip8x4(sum + Vector128.Create(AxisCoefficients.Half));
        if (channels == LaneBytes)
        {
            Unsafe.WriteUnaligned(output, packed);
        }
        else
        {
            output[0] = (byte)packed;
            output[1] = (byte)(packed >> 8);
            output[2] = (byte)(packed >> 16);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<int> Sum512(byte* pixels, int* weights, int count)
    {
        Vector512<int> acc = Vector512<int>.Zero;
        for (int j = 0; j < count; j += 4)
        {
            acc += Avx512F.ConvertToVector512Int32(Vector128.Load(pixels + (j * LaneBytes))) * Vector512.Load(weights + (j * LaneBytes));
        }

        return Fold(acc);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<int> Sum256(byte* pixels, int* weights, int count)
    {
        Vector256<int> acc = Vector256<int>.Zero;
        for (int j = 0; j < count; j += 2)
        {
            acc += Avx2.ConvertToVector256Int32(pixels + (j * LaneBytes)) * Vector256.Load(weights + (j * LaneBytes));
        }

        return acc.GetLower() + acc.GetUpper();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<int> Sum128(byte* pixels, int* weights, int count)
    {
        Vector128<int> acc = Vector128<int>.Zero;
        for (int j = 0; j < count; j++)
        {
            acc += Sse41.ConvertToVector128Int32(pixels + (j * LaneBytes)) * Vector128.Load(weights + (j * LaneBytes));
        }

        return acc;
    }
}
