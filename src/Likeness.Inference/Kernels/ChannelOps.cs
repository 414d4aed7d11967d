using System.Runtime.Intrinsics;
using Likeness.Imaging;

namespace Likeness.Inference.Kernels;

/// <summary>
/// The per-pixel channel-vector operations the window kernels are built from (depthwise taps, pooling). Each has a
/// Vector512 → Vector256 → Vector128 cascade and a scalar tail, which is also the reference path.
/// </summary>
internal static unsafe class ChannelOps
{
    /// <summary><c>dst[i] = FMA(x[i], w[i], dst[i])</c>.</summary>
    public static void MultiplyAdd(float* dst, float* x, float* w, int n, SimdLevel path)
    {
        int i = 0;
        if (path == SimdLevel.Vector512)
        {
            for (; i <= n - 16; i += 16)
            {
                Vector512.FusedMultiplyAdd(Vector512.Load(x + i), Vector512.Load(w + i), Vector512.Load(dst + i)).Store(dst + i);
            }
        }

        if (path >= SimdLevel.Vector256)
        {
            for (; i <= n - 8; i += 8)
            {
                Vector256.FusedMultiplyAdd(Vector256.Load(x + i), Vector256.Load(w + i), Vector256.Load(dst + i)).Store(dst + i);
            }
        }

        if (path >= SimdLevel.Vector128)
        {
            for (; i <= n - 4; i += 4)
            {
                Vector128.FusedMultiplyAdd(Vector128.Load(x + i), Vector128.Load(w + i), Vector128.Load(dst + i)).Store(dst + i);
            }
        }

        for (; i < n; i++)
        {
            dst[i] = MathF.FusedMultiplyAdd(x[i], w[i], dst[i]);
        }
    }

    /// <summary><c>dst[i] = max(dst[i], x[i])</c>.</summary>
    public static void Max(float* dst, float* x, int n, SimdLevel path)
    {
        int i = 0;
        if (path == SimdLevel.Vector512)
        {
            for (; i <= n - 16; i += 16)
            {
                Vector512.Max(Vector512.Load(dst + i), Vector512.Load(x + i)).Store(dst + i);
            }
        }

        if (path >= SimdLevel.Vector256)
        {
            for (; i <= n - 8; i += 8)
            {
                Vector256.Max(Vector256.Load(dst + i), Vector256.Load(x + i)).Store(dst + i);
            }
        }

        if (path >= SimdLevel.Vector128)
        {
            for (; i <= n - 4; i += 4)
            {
                Vector128.Max(Vector128.Load(dst + i), Vector128.Load(x + i)).Store(dst + i);
            }
        }

        for (; i < n; i++)
        {
            dst[i] = Math.Max(dst[i], x[i]);
        }
    }

    /// <summary><c>dst[i] += x[i]</c>.</summary>
    public static void Add(float* dst, float* x, int n, SimdLevel path)
    {
        int i = 0;
        if (path == SimdLevel.Vector512)
        {
            for (; i <= n - 16; i += 16)
            {
                (Vector512.Load(dst + i) + Vector512.Load(x + i)).Store(dst + i);
            }
        }

        if (path >= SimdLevel.Vector256)
        {
            for (; i <= n - 8; i += 8)
            {
                (Vector256.Load(dst + i) + Vector256.Load(x + i)).Store(dst + i);
            }
        }

        if (path >= SimdLevel.Vector128)
        {
            for (; i <= n - 4; i += 4)
            {
                (Vector128.Load(dst + i) + Vector128.Load(x + i)).Store(dst + i);
            }
        }

        for (; i < n; i++)
        {
            dst[i] += x[i];
        }
    }

    /// <summary><c>dst[i] *= s</c>.</summary>
    public static void Scale(float* dst, float s, int n, SimdLevel path)
    {
        int i = 0;
        if (path == SimdLevel.Vector512)
        {
            for (; i <= n - 16; i += 16)
            {
                (Vector512.Load(dst + i) * s).Store(dst + i);
            }
        }

        if (path >= SimdLevel.Vector256)
        {
            for (; i <= n - 8; i += 8)
            {
                (Vector256.Load(dst + i) * s).Store(dst + i);
            }
        }

        if (path >= SimdLevel.Vector128)
        {
            for (; i <= n - 4; i += 4)
            {
                (Vector128.Load(dst + i) * s).Store(dst + i);
            }
        }

        for (; i < n; i++)
        {
            dst[i] *= s;
        }
    }
}
