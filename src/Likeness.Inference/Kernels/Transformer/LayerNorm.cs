using System.Runtime.Intrinsics;
using Likeness.Imaging;

namespace Likeness.Inference.Kernels.Transformer;

/// <summary>
/// <c>y = (x - mean) / sqrt(var + eps) · gamma + beta</c> over each row (PyTorch's LayerNorm: biased variance,
/// two passes). Vector512/256/128 paths; the scalar path is the reference.
/// </summary>
public static unsafe class LayerNorm
{
    /// <summary>Normalises <paramref name="rows"/> rows of <paramref name="x"/> into <paramref name="y"/> (may be the same buffer).</summary>
    /// <param name="x">Input, rows × width.</param>
    /// <param name="y">Output, rows × width.</param>
    /// <param name="gamma">Scale, width values.</param>
    /// <param name="beta">Shift, width values.</param>
    /// <param name="rows">Number of rows.</param>
    /// <param name="epsilon">Added to the variance.</param>
    public static void Apply(ReadOnlySpan<float> x, Span<float> y, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, int rows, float epsilon) =>
        Apply(x, y, gamma, beta, rows, epsilon, SimdLevels.Best);

    internal static void Apply(
        ReadOnlySpan<float> x, Span<float> y, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, int rows, float epsilon, SimdLevel path)
    {
        int width = gamma.Length;
        if (beta.Length != width || x.Length < rows * width || y.Length < rows * width)
        {
            throw new ArgumentException($"LayerNorm needs {rows} rows of {width} values and gamma/beta of {width}.");
        }

        fixed (float* px = x, py = y, pg = gamma, pb = beta)
        {
            for (int r = 0; r < rows; r++)
            {
                Row(px + (r * width), py + (r * width), pg, pb, width, epsilon, path);
            }
        }
    }

    private static void Row(float* x, float* y, float* gamma, float* beta, int n, float epsilon, SimdLevel path)
    {
        float mean = SumPlain(x, n, path) / n;
        float variance = SumSquares(x, n, mean, path) / n;
        float rstd = 1f / MathF.Sqrt(variance + epsilon);
        int i = 0;
        if (path == SimdLevel.Vector512)
        {
            for (; i <= n - 16; i += 16)
            {
                ((Vector512.Load(x + i) - Vector512.Create(mean)) * Vector512.Create(rstd) * Vector512.Load(gamma + i) + Vector512.Load(beta + i)).Store(y + i);
            }
        }

        if (path >= SimdLevel.Vector256)
        {
            for (; i <= n - 8; i += 8)
            {
                ((Vector256.Load(x + i) - Vector256.Create(mean)) * Vector256.Create(rstd) * Vector256.Load(gamma + i) + Vector256.Load(beta + i)).Store(y + i);
            }
        }

        if (path >= SimdLevel.Vector128)
        {
            for (; i <= n - 4; i += 4)
            {
                ((Vector128.Load(x + i) - Vector128.Create(mean)) * Vector128.Create(rstd) * Vector128.Load(gamma + i) + Vector128.Load(beta + i)).Store(y + i);
            }
        }

        for (; i < n; i++)
        {
            y[i] = ((x[i] - mean) * rstd * gamma[i]) + beta[i];
        }
    }

    private static float SumPlain(float* x, int n, SimdLevel path)
    {
        int i = 0;
        float sum = 0f;
        if (path == SimdLevel.Vector512 && n >= 16)
        {
            Vector512<float> acc = Vector512<float>.Zero;
            for (; i <= n - 16; i += 16)
            {
                acc += Vector512.Load(x + i);
            }

            sum += Vector512.Sum(acc);
        }

        if (path >= SimdLevel.Vector256 && n - i >= 8)
        {
            Vector256<float> acc = Vector256<float>.Zero;
            for (; i <= n - 8; i += 8)
            {
                acc += Vector256.Load(x + i);
            }

            sum += Vector256.Sum(acc);
        }

        if (path >= SimdLevel.Vector128 && n - i >= 4)
        {
            Vector128<float> acc = Vector128<float>.Zero;
            for (; i <= n - 4; i += 4)
            {
                acc += Vector128.Load(x + i);
            }

            sum += Vector128.Sum(acc);
        }

        for (; i < n; i++)
        {
            sum += x[i];
        }

        return sum;
    }

    private static float SumSquares(float* x, int n, float center, SimdLevel path)
    {
        int i = 0;
        float sum = 0f;
        if (path == SimdLevel.Vector512 && n >= 16)
        {
            Vector512<float> acc = Vector512<float>.Zero;
            Vector512<float> c = Vector512.Create(center);
            for (; i <= n - 16; i += 16)
            {
                Vector512<float> d = Vector512.Load(x + i) - c;
                acc += d * d;
            }

            sum += Vector512.Sum(acc);
        }

        if (path >= SimdLevel.Vector256 && n - i >= 8)
        {
            Vector256<float> acc = Vector256<float>.Zero;
            Vector256<float> c = Vector256.Create(center);
            for (; i <= n - 8; i += 8)
            {
                Vector256<float> d = Vector256.Load(x + i) - c;
                acc += d * d;
            }

            sum += Vector256.Sum(acc);
        }

        if (path >= SimdLevel.Vector128 && n - i >= 4)
        {
            Vector128<float> acc = Vector128<float>.Zero;
            Vector128<float> c = Vector128.Create(center);
            for (; i <= n - 4; i += 4)
            {
                Vector128<float> d = Vector128.Load(x + i) - c;
                acc += d * d;
            }

            sum += Vector128.Sum(acc);
        }

        for (; i < n; i++)
        {
            float d = x[i] - center;
            sum += d * d;
        }

        return sum;
    }
}
