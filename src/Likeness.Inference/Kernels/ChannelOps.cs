using Likeness.Imaging;
using Likeness.Inference.Kernels.Operators;

namespace Likeness.Inference.Kernels;

/// <summary>
/// The per-pixel channel-vector operations the window kernels are built from (depthwise taps, pooling), each one
/// operator on <see cref="ElementwiseLoop"/>, whose scalar tail is also the reference path.
/// </summary>
internal static unsafe class ChannelOps
{
    /// <summary><c>dst[i] = FMA(x[i], w[i], dst[i])</c>.</summary>
    public static void MultiplyAdd(float* dst, float* x, float* w, int n, SimdLevel path) =>
        ElementwiseLoop.Ternary<MultiplyAddOperator>(x, w, dst, dst, n, path);

    /// <summary><c>dst[i] = max(dst[i], x[i])</c>.</summary>
    public static void Max(float* dst, float* x, int n, SimdLevel path) =>
        ElementwiseLoop.Binary<MaxOperator>(dst, x, dst, n, path);

    /// <summary><c>dst[i] += x[i]</c>.</summary>
    public static void Add(float* dst, float* x, int n, SimdLevel path) =>
        ElementwiseLoop.Binary<AddOperator>(dst, x, dst, n, path);

    /// <summary><c>dst[i] *= s</c>.</summary>
    public static void Scale(float* dst, float s, int n, SimdLevel path) =>
        ElementwiseLoop.BinaryScalar<MultiplyOperator>(dst, s, dst, n, path);
}
