using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Likeness.Inference.Kernels;

/// <summary>
/// <c>x = act(x + bias)</c> over one row of channels: the epilogue of GEMM and convolutions, and the standalone
/// bias/activation op. Vector512/256/128 paths with a scalar tail and scalar reference.
/// </summary>
internal static unsafe class BiasActivation
{
    /// <summary>Leaky ReLU slope (float32 0.1, as TensorFlow stores it).</summary>
    public const float LeakySlope = 0.1f;

    /// <summary>Applies <paramref name="bias"/> (may be empty) then <paramref name="activation"/> to <paramref name="row"/> in place.</summary>
    public static void Apply(Span<float> row, ReadOnlySpan<float> bias, Activation activation, KernelPath path)
    {
        if (bias.IsEmpty && activation == Activation.None)
        {
            return;
        }

        fixed (float* x = row)
        fixed (float* b = bias)
        {
            int n = row.Length;
            int i = 0;
            if (path == KernelPath.Vector512)
            {
                for (; i <= n - 16; i += 16)
                {
                    Vector512<float> v = Vector512.Load(x + i);
                    if (b != null)
                    {
                        v += Vector512.Load(b + i);
                    }

                    Act(v, activation).Store(x + i);
                }
            }

            if (path >= KernelPath.Vector256)
            {
                for (; i <= n - 8; i += 8)
                {
                    Vector256<float> v = Vector256.Load(x + i);
                    if (b != null)
                    {
                        v += Vector256.Load(b + i);
                    }

                    Act(v, activation).Store(x + i);
                }
            }

            if (path >= KernelPath.Vector128)
            {
                for (; i <= n - 4; i += 4)
                {
                    Vector128<float> v = Vector128.Load(x + i);
                    if (b != null)
                    {
                        v += Vector128.Load(b + i);
                    }

                    Act(v, activation).Store(x + i);
                }
            }

            for (; i < n; i++)
            {
                float v = b != null ? x[i] + b[i] : x[i];
                x[i] = Act(v, activation);
            }
        }
    }

    /// <summary>Scalar activation (the reference).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Act(float v, Activation activation) => activation switch
    {
        Activation.Relu => v > 0f ? v : 0f,
        Activation.LeakyRelu => v > 0f ? v : v * LeakySlope,
        _ => v,
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Act(Vector512<float> v, Activation activation) => activation switch
    {
        Activation.Relu => Vector512.Max(v, Vector512<float>.Zero),
        Activation.LeakyRelu => Vector512.ConditionalSelect(Vector512.GreaterThan(v, Vector512<float>.Zero), v, v * LeakySlope),
        _ => v,
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Act(Vector256<float> v, Activation activation) => activation switch
    {
        Activation.Relu => Vector256.Max(v, Vector256<float>.Zero),
        Activation.LeakyRelu => Vector256.ConditionalSelect(Vector256.GreaterThan(v, Vector256<float>.Zero), v, v * LeakySlope),
        _ => v,
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Act(Vector128<float> v, Activation activation) => activation switch
    {
        Activation.Relu => Vector128.Max(v, Vector128<float>.Zero),
        Activation.LeakyRelu => Vector128.ConditionalSelect(Vector128.GreaterThan(v, Vector128<float>.Zero), v, v * LeakySlope),
        _ => v,
    };
}
