using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Likeness.Inference.Kernels.Operators;

/// <summary><c>x + y</c>.</summary>
internal readonly struct AddOperator : IBinaryOperator
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Invoke(float x, float y) => x + y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Invoke(Vector128<float> x, Vector128<float> y) => x + y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => x + y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) => x + y;
}

/// <summary><c>x · y</c>.</summary>
internal readonly struct MultiplyOperator : IBinaryOperator
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Invoke(float x, float y) => x * y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Invoke(Vector128<float> x, Vector128<float> y) => x * y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => x * y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) => x * y;
}

/// <summary><c>max(x, y)</c>.</summary>
internal readonly struct MaxOperator : IBinaryOperator
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Invoke(float x, float y) => Math.Max(x, y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Invoke(Vector128<float> x, Vector128<float> y) => Vector128.Max(x, y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => Vector256.Max(x, y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) => Vector512.Max(x, y);
}

/// <summary><c>x · y + z</c>, rounded once.</summary>
internal readonly struct MultiplyAddOperator : ITernaryOperator
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Invoke(float x, float y, float z) => MathF.FusedMultiplyAdd(x, y, z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Invoke(Vector128<float> x, Vector128<float> y, Vector128<float> z) => Vector128.FusedMultiplyAdd(x, y, z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Invoke(Vector256<float> x, Vector256<float> y, Vector256<float> z) => Vector256.FusedMultiplyAdd(x, y, z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Invoke(Vector512<float> x, Vector512<float> y, Vector512<float> z) => Vector512.FusedMultiplyAdd(x, y, z);
}

/// <summary><c>x</c>, ignoring <c>y</c>: lets a reduction read its input unchanged.</summary>
internal readonly struct IdentityOperator : IBinaryOperator
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Invoke(float x, float y) => x;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Invoke(Vector128<float> x, Vector128<float> y) => x;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => x;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) => x;
}

/// <summary><c>(x - y)²</c>.</summary>
internal readonly struct SquaredDifferenceOperator : IBinaryOperator
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Invoke(float x, float y)
    {
        float d = x - y;
        return d * d;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Invoke(Vector128<float> x, Vector128<float> y)
    {
        Vector128<float> d = x - y;
        return d * d;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Invoke(Vector256<float> x, Vector256<float> y)
    {
        Vector256<float> d = x - y;
        return d * d;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Invoke(Vector512<float> x, Vector512<float> y)
    {
        Vector512<float> d = x - y;
        return d * d;
    }
}

/// <summary><c>exp(x - y)</c>, softmax's shifted exponential.</summary>
internal readonly struct ExpOfDifferenceOperator : IBinaryOperator
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Invoke(float x, float y) => MathF.Exp(x - y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Invoke(Vector128<float> x, Vector128<float> y) => Vector128.Exp(x - y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => Vector256.Exp(x - y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) => Vector512.Exp(x - y);
}
