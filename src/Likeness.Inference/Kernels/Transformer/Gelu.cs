using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Likeness.Imaging;
using Likeness.Inference.Kernels.Operators;

namespace Likeness.Inference.Kernels.Transformer;

/// <summary>
/// The exact GELU <c>x · Φ(x) = x · (1 + erf(x / √2)) / 2</c> (PyTorch's <c>nn.GELU()</c>, DINOv2's MLP), in place.
/// erf comes from Abramowitz and Stegun 7.1.26 (<c>1 - t·P(t)·exp(-u²)</c>, <c>t = 1 / (1 + p·u)</c>), whose absolute
/// error is at most 1.5e-7, the size of float32 rounding at 1, with our <see cref="ExpOperator"/>. One operator on
/// <see cref="ElementwiseLoop"/>; every width equals the scalar reference bit for bit.
/// </summary>
public static unsafe class Gelu
{
    private const float P = 0.3275911f;
    private const float A1 = 0.254829592f, A2 = -0.284496736f, A3 = 1.421413741f, A4 = -1.453152027f, A5 = 1.061405429f;
    private const float InvSqrt2 = 0.70710678118654752f;

    /// <summary>Applies the activation to every value of <paramref name="x"/>.</summary>
    public static void Apply(Span<float> x) => Apply(x, SimdLevels.Best);

    internal static void Apply(Span<float> x, SimdLevel path)
    {
        fixed (float* p = x)
        {
            ElementwiseLoop.Unary<Operator>(p, p, x.Length, path);
        }
    }

    /// <summary>The reference for one value.</summary>
    internal static float Scalar(float x)
    {
        float u = MathF.Abs(x) * InvSqrt2;
        float t = 1f / (1f + (P * u));
        float poly = t * (A1 + (t * (A2 + (t * (A3 + (t * (A4 + (t * A5))))))));
        float erf = MathF.CopySign(1f - (poly * ExpOperator.Invoke(-(u * u))), x);
        return 0.5f * x * (1f + erf);
    }

    /// <summary><see cref="Scalar"/>, the same steps in the same order, at every width (also the GEMM epilogue's <see cref="Activation.Gelu"/>).</summary>
    internal readonly struct Operator : IUnaryOperator
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Invoke(float x) => Scalar(x);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Invoke(Vector128<float> v)
        {
            Vector128<float> u = Vector128.Abs(v) * Vector128.Create(InvSqrt2);
            Vector128<float> t = Vector128<float>.One / (Vector128<float>.One + (u * Vector128.Create(P)));
            Vector128<float> poly = t * (Vector128.Create(A1) + (t * (Vector128.Create(A2) + (t * (Vector128.Create(A3) + (t * (Vector128.Create(A4) + (t * Vector128.Create(A5)))))))));
            Vector128<float> erf = Vector128.CopySign(Vector128<float>.One - (poly * ExpOperator.Invoke(-(u * u))), v);
            return Vector128.Create(0.5f) * v * (Vector128<float>.One + erf);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Invoke(Vector256<float> v)
        {
            Vector256<float> u = Vector256.Abs(v) * Vector256.Create(InvSqrt2);
            Vector256<float> t = Vector256<float>.One / (Vector256<float>.One + (u * Vector256.Create(P)));
            Vector256<float> poly = t * (Vector256.Create(A1) + (t * (Vector256.Create(A2) + (t * (Vector256.Create(A3) + (t * (Vector256.Create(A4) + (t * Vector256.Create(A5)))))))));
            Vector256<float> erf = Vector256.CopySign(Vector256<float>.One - (poly * ExpOperator.Invoke(-(u * u))), v);
            return Vector256.Create(0.5f) * v * (Vector256<float>.One + erf);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Invoke(Vector512<float> v)
        {
            Vector512<float> u = Vector512.Abs(v) * Vector512.Create(InvSqrt2);
            Vector512<float> t = Vector512<float>.One / (Vector512<float>.One + (u * Vector512.Create(P)));
            Vector512<float> poly = t * (Vector512.Create(A1) + (t * (Vector512.Create(A2) + (t * (Vector512.Create(A3) + (t * (Vector512.Create(A4) + (t * Vector512.Create(A5)))))))));
            Vector512<float> erf = Vector512.CopySign(Vector512<float>.One - (poly * ExpOperator.Invoke(-(u * u))), v);
            return Vector512.Create(0.5f) * v * (Vector512<float>.One + erf);
        }
    }
}
