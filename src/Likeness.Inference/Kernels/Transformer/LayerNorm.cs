using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Likeness.Imaging;
using Likeness.Inference.Kernels.Operators;

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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Row(float* x, float* y, float* gamma, float* beta, int n, float epsilon, SimdLevel path)
    {
        float mean = ElementwiseLoop.MapReduce<IdentityOperator, AddOperator>(x, 0f, n, path) / n;
        float variance = ElementwiseLoop.MapReduce<SquaredDifferenceOperator, AddOperator>(x, mean, n, path) / n;
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
}
