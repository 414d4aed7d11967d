using System.Runtime.Intrinsics;
using Likeness.Imaging;

namespace Likeness.Inference.Kernels.Transformer;

/// <summary>
/// CLIP's activation <c>x · sigmoid(1.702 x)</c>, computed as <c>x / (1 + exp(-1.702 x))</c>, in place.
/// Vector512/256/128 paths; the scalar path is the reference.
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
            int n = x.Length;
            int i = 0;
            if (path == SimdLevel.Vector512)
            {
                for (; i <= n - 16; i += 16)
                {
                    Vector512<float> v = Vector512.Load(p + i);
                    (v / (Vector512<float>.One + Vector512.Exp(v * Vector512.Create(-Alpha)))).Store(p + i);
                }
            }

            if (path >= SimdLevel.Vector256)
            {
                for (; i <= n - 8; i += 8)
                {
                    Vector256<float> v = Vector256.Load(p + i);
                    (v / (Vector256<float>.One + Vector256.Exp(v * Vector256.Create(-Alpha)))).Store(p + i);
                }
            }

            if (path >= SimdLevel.Vector128)
            {
                for (; i <= n - 4; i += 4)
                {
                    Vector128<float> v = Vector128.Load(p + i);
                    (v / (Vector128<float>.One + Vector128.Exp(v * Vector128.Create(-Alpha)))).Store(p + i);
                }
            }

            for (; i < n; i++)
            {
                p[i] /= 1f + MathF.Exp(-Alpha * p[i]);
            }
        }
    }
}
