using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Likeness.Imaging.Tensors;

/// <summary>
/// Bytes to normalised floats, <c>((x / divisor) - mean) / std</c>. IEEE division and subtraction are exactly
/// rounded in every width, so each vector path gives the scalar reference's bits; leftovers fall through to the
/// next narrower path.
/// </summary>
internal static unsafe class NormalizeKernels
{
    /// <summary>One channel: every element uses the same mean and std.</summary>
    public static void Plane(ReadOnlySpan<byte> source, Span<float> destination, float divisor, float mean, float std, SimdLevel level)
    {
        if (destination.Length < source.Length)
        {
            throw new ArgumentException("Destination is shorter than the source.", nameof(destination));
        }

        int n = source.Length;
        int i = 0;
        fixed (byte* src = source)
        fixed (float* dst = destination)
        {
            if (level >= SimdLevel.Vector512)
            {
                (Vector512<float> d, Vector512<float> m, Vector512<float> s) = (Vector512.Create(divisor), Vector512.Create(mean), Vector512.Create(std));
                for (; i + 16 <= n; i += 16)
                {
                    (((Load512(src + i) / d) - m) / s).Store(dst + i);
                }
            }

            if (level >= SimdLevel.Vector256)
            {
                (Vector256<float> d, Vector256<float> m, Vector256<float> s) = (Vector256.Create(divisor), Vector256.Create(mean), Vector256.Create(std));
                for (; i + 8 <= n; i += 8)
                {
                    (((Load256(src + i) / d) - m) / s).Store(dst + i);
                }
            }

            if (level >= SimdLevel.Vector128)
            {
                (Vector128<float> d, Vector128<float> m, Vector128<float> s) = (Vector128.Create(divisor), Vector128.Create(mean), Vector128.Create(std));
                for (; i + 4 <= n; i += 4)
                {
                    (((Load128(src + i) / d) - m) / s).Store(dst + i);
                }
            }

            for (; i < n; i++)
            {
                dst[i] = ((src[i] / divisor) - mean) / std;
            }
        }
    }

    /// <summary>
    /// Interleaved RGB: element <c>i</c> is channel <c>i % 3</c>. A vector of 16, 8 or 4 lanes starts at a
    /// different channel each time, so three consecutive vectors (48, 24 or 12 elements) are processed together
    /// with three phase-shifted mean/std vectors.
    /// </summary>
    public static void Interleaved(ReadOnlySpan<byte> source, Span<float> destination, float divisor, ReadOnlySpan<float> mean, ReadOnlySpan<float> std, SimdLevel level)
    {
        if (destination.Length < source.Length || source.Length % 3 != 0)
        {
            throw new ArgumentException("Source must be whole RGB pixels and fit the destination.", nameof(destination));
        }

        const int Period = 48;
        float* means = stackalloc float[Period];
        float* stds = stackalloc float[Period];
        for (int j = 0; j < Period; j++)
        {
            means[j] = mean[j % 3];
            stds[j] = std[j % 3];
        }

        int n = source.Length;
        int i = 0;
        fixed (byte* src = source)
        fixed (float* dst = destination)
        {
            if (level >= SimdLevel.Vector512)
            {
                Vector512<float> d = Vector512.Create(divisor);
                for (; i + 48 <= n; i += 48)
                {
                    for (int k = 0; k < 48; k += 16)
                    {
                        (((Load512(src + i + k) / d) - Vector512.Load(means + k)) / Vector512.Load(stds + k)).Store(dst + i + k);
                    }
                }
            }

            if (level >= SimdLevel.Vector256)
            {
                Vector256<float> d = Vector256.Create(divisor);
                for (; i + 24 <= n; i += 24)
                {
                    for (int k = 0; k < 24; k += 8)
                    {
                        (((Load256(src + i + k) / d) - Vector256.Load(means + k)) / Vector256.Load(stds + k)).Store(dst + i + k);
                    }
                }
            }

            if (level >= SimdLevel.Vector128)
            {
                Vector128<float> d = Vector128.Create(divisor);
                for (; i + 12 <= n; i += 12)
                {
                    for (int k = 0; k < 12; k += 4)
                    {
                        (((Load128(src + i + k) / d) - Vector128.Load(means + k)) / Vector128.Load(stds + k)).Store(dst + i + k);
                    }
                }
            }

            for (; i < n; i++)
            {
                dst[i] = ((src[i] / divisor) - means[i % 3]) / stds[i % 3];
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Load512(byte* p) => Avx512F.ConvertToVector512Single(Avx512F.ConvertToVector512Int32(Vector128.Load(p)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Load256(byte* p) => Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(p));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Load128(byte* p) => Sse2.ConvertToVector128Single(Sse41.ConvertToVector128Int32(p));
}
