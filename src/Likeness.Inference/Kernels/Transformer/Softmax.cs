using System.Runtime.Intrinsics;
using Likeness.Imaging;

namespace Likeness.Inference.Kernels.Transformer;

/// <summary>
/// Numerically stable softmax of one row in place: <c>exp(x - max) / Σ exp(x - max)</c>.
/// Vector512/256/128 paths; the scalar path is the reference.
/// </summary>
public static unsafe class Softmax
{
    /// <summary>Replaces <paramref name="row"/> by its softmax.</summary>
    public static void Apply(Span<float> row) => Apply(row, SimdLevels.Best);

    internal static void Apply(Span<float> row, SimdLevel path)
    {
        if (row.IsEmpty)
        {
            return;
        }

        fixed (float* p = row)
        {
            int n = row.Length;
            float max = Max(p, n, path);
            float sum = ExpAndSum(p, n, max, path);
            Scale(p, n, 1f / sum, path);
        }
    }

    private static float Max(float* p, int n, SimdLevel path)
    {
        int i = 0;
        float max = float.NegativeInfinity;
        if (path == SimdLevel.Vector512 && n >= 16)
        {
            Vector512<float> acc = Vector512.Create(float.NegativeInfinity);
            for (; i <= n - 16; i += 16)
            {
                acc = Vector512.Max(acc, Vector512.Load(p + i));
            }

            max = MathF.Max(max, Horizontal(Vector256.Max(acc.GetLower(), acc.GetUpper())));
        }

        if (path >= SimdLevel.Vector256 && n - i >= 8)
        {
            Vector256<float> acc = Vector256.Create(float.NegativeInfinity);
            for (; i <= n - 8; i += 8)
            {
                acc = Vector256.Max(acc, Vector256.Load(p + i));
            }

            max = MathF.Max(max, Horizontal(acc));
        }

        if (path >= SimdLevel.Vector128 && n - i >= 4)
        {
            Vector128<float> acc = Vector128.Create(float.NegativeInfinity);
            for (; i <= n - 4; i += 4)
            {
                acc = Vector128.Max(acc, Vector128.Load(p + i));
            }

            max = MathF.Max(max, Horizontal(acc));
        }

        for (; i < n; i++)
        {
            max = MathF.Max(max, p[i]);
        }

        return max;
    }

    private static float Horizontal(Vector256<float> v) => Horizontal(Vector128.Max(v.GetLower(), v.GetUpper()));

    private static float Horizontal(Vector128<float> v) => MathF.Max(MathF.Max(v[0], v[1]), MathF.Max(v[2], v[3]));

    private static float ExpAndSum(float* p, int n, float max, SimdLevel path)
    {
        int i = 0;
        float sum = 0f;
        if (path == SimdLevel.Vector512 && n >= 16)
        {
            Vector512<float> acc = Vector512<float>.Zero;
            for (; i <= n - 16; i += 16)
            {
                Vector512<float> e = Vector512.Exp(Vector512.Load(p + i) - Vector512.Create(max));
                e.Store(p + i);
                acc += e;
            }

            sum += Vector512.Sum(acc);
        }

        if (path >= SimdLevel.Vector256 && n - i >= 8)
        {
            Vector256<float> acc = Vector256<float>.Zero;
            for (; i <= n - 8; i += 8)
            {
                Vector256<float> e = Vector256.Exp(Vector256.Load(p + i) - Vector256.Create(max));
                e.Store(p + i);
                acc += e;
            }

            sum += Vector256.Sum(acc);
        }

        if (path >= SimdLevel.Vector128 && n - i >= 4)
        {
            Vector128<float> acc = Vector128<float>.Zero;
            for (; i <= n - 4; i += 4)
            {
                Vector128<float> e = Vector128.Exp(Vector128.Load(p + i) - Vector128.Create(max));
                e.Store(p + i);
                acc += e;
            }

            sum += Vector128.Sum(acc);
        }

        for (; i < n; i++)
        {
            p[i] = MathF.Exp(p[i] - max);
            sum += p[i];
        }

        return sum;
    }

    private static void Scale(float* p, int n, float factor, SimdLevel path)
    {
        int i = 0;
        if (path == SimdLevel.Vector512)
        {
            for (; i <= n - 16; i += 16)
            {
                (Vector512.Load(p + i) * factor).Store(p + i);
            }
        }

        if (path >= SimdLevel.Vector256)
        {
            for (; i <= n - 8; i += 8)
            {
                (Vector256.Load(p + i) * factor).Store(p + i);
            }
        }

        if (path >= SimdLevel.Vector128)
        {
            for (; i <= n - 4; i += 4)
            {
                (Vector128.Load(p + i) * factor).Store(p + i);
            }
        }

        for (; i < n; i++)
        {
            p[i] *= factor;
        }
    }
}
