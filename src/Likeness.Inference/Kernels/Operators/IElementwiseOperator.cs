using System.Runtime.Intrinsics;

namespace Likeness.Inference.Kernels.Operators;

/// <summary>
/// A one-input element-wise operation, written once per width so <see cref="ElementwiseLoop"/> can hold the
/// 512/256/128-bit ladder and the scalar tail for every operator. The scalar overload is the reference.
/// </summary>
internal interface IUnaryOperator
{
    static abstract float Invoke(float x);

    static abstract Vector128<float> Invoke(Vector128<float> x);

    static abstract Vector256<float> Invoke(Vector256<float> x);

    static abstract Vector512<float> Invoke(Vector512<float> x);
}

/// <summary>A two-input element-wise operation; see <see cref="IUnaryOperator"/>.</summary>
internal interface IBinaryOperator
{
    static abstract float Invoke(float x, float y);

    static abstract Vector128<float> Invoke(Vector128<float> x, Vector128<float> y);

    static abstract Vector256<float> Invoke(Vector256<float> x, Vector256<float> y);

    static abstract Vector512<float> Invoke(Vector512<float> x, Vector512<float> y);
}

/// <summary>A three-input element-wise operation; see <see cref="IUnaryOperator"/>.</summary>
internal interface ITernaryOperator
{
    static abstract float Invoke(float x, float y, float z);

    static abstract Vector128<float> Invoke(Vector128<float> x, Vector128<float> y, Vector128<float> z);

    static abstract Vector256<float> Invoke(Vector256<float> x, Vector256<float> y, Vector256<float> z);

    static abstract Vector512<float> Invoke(Vector512<float> x, Vector512<float> y, Vector512<float> z);
}
