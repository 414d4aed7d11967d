using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Likeness.Inference.Kernels.Operators;

/// <summary>Σ, summed lane-wise and then across the lanes as <see cref="Vector128.Sum{T}(Vector128{T})"/> does.</summary>
internal readonly struct SumReduction : IReductionOperator
{
    public static float Identity => 0f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Invoke(float x, float y) => x + y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Invoke(Vector128<float> x, Vector128<float> y) => x + y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => x + y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) => x + y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Across(Vector128<float> x) => Vector128.Sum(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Across(Vector256<float> x) => Vector256.Sum(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Across(Vector512<float> x) => Vector512.Sum(x);
}

/// <summary>The largest value; halves are folded pairwise, so the order never matters.</summary>
internal readonly struct MaxReduction : IReductionOperator
{
    public static float Identity => float.NegativeInfinity;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Invoke(float x, float y) => MathF.Max(x, y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Invoke(Vector128<float> x, Vector128<float> y) => Vector128.Max(x, y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => Vector256.Max(x, y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) => Vector512.Max(x, y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Across(Vector128<float> x) => MathF.Max(MathF.Max(x[0], x[1]), MathF.Max(x[2], x[3]));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Across(Vector256<float> x) => Across(Vector128.Max(x.GetLower(), x.GetUpper()));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Across(Vector512<float> x) => Across(Vector256.Max(x.GetLower(), x.GetUpper()));
}
