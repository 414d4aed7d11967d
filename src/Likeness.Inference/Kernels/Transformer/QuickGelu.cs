using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Likeness.Imaging;
using Likeness.Inference.Kernels.Operators;

namespace Likeness.Inference.Kernels.Transformer;

/// <summary>
/// CLIP's activation <c>x · sigmoid(1.702 x)</c>, computed as <c>x / (1 + exp(-1.702 x))</c>, in place.
/// One operator on <see cref="ElementwiseLoop"/>; the scalar path is the reference.
/// </summary>
public static unsafe class QuickGelu
{
    private const float Alpha = 1.702f;

    /// <summary>Applies the activation to every value of <paramref name="x"/>.</summary>
    public static void Apply(Span<float> x) => Apply(x, SimdLevels.Best);

    internal static void Apply(Span<float> x, SimdLevel path)
    {
        fixed (float* p = x)
        {
            ElementwiseLoop.Unary<Operator>(p, p, x.Length, path);
        }
    }

    /// <summary>The activation at every width (also the GEMM epilogue's <see cref="Activation.QuickGelu"/>).</summary>
    internal readonly struct Operator : IUnaryOperator
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Invoke(float x) => x / (1f + ExpOperator.Invoke(-Alpha * x));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Invoke(Vector128<float> v) => v / (Vector128<float>.One + ExpOperator.Invoke(v * Vector128.Create(-Alpha)));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Invoke(Vector256<float> v) => v / (Vector256<float>.One + ExpOperator.Invoke(v * Vector256.Create(-Alpha)));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Invoke(Vector512<float> v) => v / (Vector512<float>.One + ExpOperator.Invoke(v * Vector512.Create(-Alpha)));
    }
}
