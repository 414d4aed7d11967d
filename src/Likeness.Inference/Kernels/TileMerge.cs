using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Likeness.Imaging;
using Likeness.Inference.Kernels.Transformer;

namespace Likeness.Inference.Kernels;

/// <summary>
/// How a GEMM register tile lands in C: <c>C = act(tile (+ C) (+ bias))</c>. Bias and activation are set only for the
/// last k slice, so the epilogue runs while the tile is still in registers' reach instead of as a second pass over C.
/// </summary>
internal readonly unsafe struct TileMerge(bool accumulate, float* bias, Activation activation, SimdLevel path)
{
    /// <summary>Merges rows×cols of <paramref name="tile"/> (row stride <paramref name="tileWidth"/>) into <paramref name="c"/>; <c>bias</c> is indexed from the tile's first column.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Apply(float* tile, int tileWidth, float* c, int ldc, int rows, int cols)
    {
        for (int r = 0; r < rows; r++)
        {
            Row(c + (r * ldc), tile + (r * tileWidth), cols);
        }
    }

    /// <summary>Merges one row of <paramref name="n"/> values (<paramref name="src"/> may equal <paramref name="dst"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Row(float* dst, float* src, int n)
    {
        int j = 0;
        if (path == SimdLevel.Vector512)
        {
            for (; j <= n - 16; j += 16)
            {
                Vector512<float> v = Vector512.Load(src + j);
                v = accumulate ? v + Vector512.Load(dst + j) : v;
                v = bias != null ? v + Vector512.Load(bias + j) : v;
                Act(v).Store(dst + j);
            }
        }

        if (path >= SimdLevel.Vector256)
        {
            for (; j <= n - 8; j += 8)
            {
                Vector256<float> v = Vector256.Load(src + j);
                v = accumulate ? v + Vector256.Load(dst + j) : v;
                v = bias != null ? v + Vector256.Load(bias + j) : v;
                Act(v).Store(dst + j);
            }
        }

        if (path >= SimdLevel.Vector128)
        {
            for (; j <= n - 4; j += 4)
            {
                Vector128<float> v = Vector128.Load(src + j);
                v = accumulate ? v + Vector128.Load(dst + j) : v;
                v = bias != null ? v + Vector128.Load(bias + j) : v;
                Act(v).Store(dst + j);
            }
        }

        for (; j < n; j++)
        {
            float v = src[j];
            v = accumulate ? v + dst[j] : v;
            v = bias != null ? v + bias[j] : v;
            dst[j] = Act(v);
        }
    }

    /// <summary>
    /// Merges one register of a full tile straight into <paramref name="dst"/>, without the tile's round trip through
    /// the stack: the same operations as <see cref="Row"/> on the same lanes, so the same bits. <paramref name="column"/>
    /// is the register's first column in the tile (where <c>bias</c> is read).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(Vector512<float> v, float* dst, int column)
    {
        v = accumulate ? v + Vector512.Load(dst) : v;
        v = bias != null ? v + Vector512.Load(bias + column) : v;
        Act(v).Store(dst);
    }

    /// <inheritdoc cref="Store(Vector512{float}, float*, int)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(Vector256<float> v, float* dst, int column)
    {
        v = accumulate ? v + Vector256.Load(dst) : v;
        v = bias != null ? v + Vector256.Load(bias + column) : v;
        Act(v).Store(dst);
    }

    /// <inheritdoc cref="Store(Vector512{float}, float*, int)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(Vector128<float> v, float* dst, int column)
    {
        v = accumulate ? v + Vector128.Load(dst) : v;
        v = bias != null ? v + Vector128.Load(bias + column) : v;
        Act(v).Store(dst);
    }

    /// <summary>The same merge for the tile starting <paramref name="column"/> columns further right.</summary>
    public TileMerge Shift(int column) => new(accumulate, bias == null ? null : bias + column, activation, path);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private float Act(float v) => activation switch
    {
        Activation.Relu => v > 0f ? v : 0f,
        Activation.LeakyRelu => v > 0f ? v : v * LeakySlope,
        Activation.Gelu => Gelu.Operator.Invoke(v),
        Activation.QuickGelu => QuickGelu.Operator.Invoke(v),
        _ => v,
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector512<float> Act(Vector512<float> v) => activation switch
    {
        Activation.Relu => Vector512.Max(v, Vector512<float>.Zero),
        Activation.LeakyRelu => Vector512.ConditionalSelect(Vector512.GreaterThan(v, Vector512<float>.Zero), v, v * LeakySlope),
        Activation.Gelu => Gelu.Operator.Invoke(v),
        Activation.QuickGelu => QuickGelu.Operator.Invoke(v),
        _ => v,
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector256<float> Act(Vector256<float> v) => activation switch
    {
        Activation.Relu => Vector256.Max(v, Vector256<float>.Zero),
        Activation.LeakyRelu => Vector256.ConditionalSelect(Vector256.GreaterThan(v, Vector256<float>.Zero), v, v * LeakySlope),
        Activation.Gelu => Gelu.Operator.Invoke(v),
        Activation.QuickGelu => QuickGelu.Operator.Invoke(v),
        _ => v,
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector128<float> Act(Vector128<float> v) => activation switch
    {
        Activation.Relu => Vector128.Max(v, Vector128<float>.Zero),
        Activation.LeakyRelu => Vector128.ConditionalSelect(Vector128.GreaterThan(v, Vector128<float>.Zero), v, v * LeakySlope),
        Activation.Gelu => Gelu.Operator.Invoke(v),
        Activation.QuickGelu => QuickGelu.Operator.Invoke(v),
        _ => v,
    };

    /// <summary>Leaky ReLU slope (float32 0.1, as TensorFlow stores it).</summary>
    public const float LeakySlope = 0.1f;
}
