using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Likeness.Inference.Kernels;

/// <summary>
/// Register-blocked inner kernels: C[rows×cols] (+)= Apanel·Bpanel for one <see cref="Rows"/>-row micro-panel of
/// packed A (<c>a[p·6 + r]</c>) and a column slice of a packed B panel (<c>b[p·32 + j]</c>). Each path keeps a
/// 6×width accumulator tile in registers (width 32/16/8/8 for 512/256/128/scalar); partial edge tiles go through a
/// stack tile so the hot loop never branches. The scalar path is the reference the vector paths are tested against.
/// </summary>
internal static unsafe class GemmMicroKernels
{
    /// <summary>Rows of the register tile (and of an A micro-panel).</summary>
    public const int Rows = 6;

    private const int BStride = PackedMatrix.PanelWidth;

    /// <summary>Columns one call covers for <paramref name="path"/>.</summary>
    public static int Width(KernelPath path) => path switch
    {
        KernelPath.Vector512 => 32,
        KernelPath.Vector256 => 16,
        _ => 8,
    };

    public static void Run(KernelPath path, float* a, float* b, int kc, float* c, int ldc, int rows, int cols, bool accumulate)
    {
        switch (path)
        {
            case KernelPath.Vector512:
                Kernel512(a, b, kc, c, ldc, rows, cols, accumulate);
                break;
            case KernelPath.Vector256:
                Kernel256(a, b, kc, c, ldc, rows, cols, accumulate);
                break;
            case KernelPath.Vector128:
                Kernel128(a, b, kc, c, ldc, rows, cols, accumulate);
                break;
            default:
                KernelScalar(a, b, kc, c, ldc, rows, cols, accumulate);
                break;
        }
    }

    private static void Kernel512(float* a, float* b, int kc, float* c, int ldc, int rows, int cols, bool accumulate)
    {
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector512<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int p = 0; p < kc; p++, a += Rows, b += BStride)
        {
            Vector512<float> b0 = Vector512.Load(b);
            Vector512<float> b1 = Vector512.Load(b + 16);
            Vector512<float> x = Vector512.Create(a[0]);
            c00 = Vector512.FusedMultiplyAdd(x, b0, c00);
            c01 = Vector512.FusedMultiplyAdd(x, b1, c01);
            x = Vector512.Create(a[1]);
            c10 = Vector512.FusedMultiplyAdd(x, b0, c10);
            c11 = Vector512.FusedMultiplyAdd(x, b1, c11);
            x = Vector512.Create(a[2]);
            c20 = Vector512.FusedMultiplyAdd(x, b0, c20);
            c21 = Vector512.FusedMultiplyAdd(x, b1, c21);
            x = Vector512.Create(a[3]);
            c30 = Vector512.FusedMultiplyAdd(x, b0, c30);
            c31 = Vector512.FusedMultiplyAdd(x, b1, c31);
            x = Vector512.Create(a[4]);
            c40 = Vector512.FusedMultiplyAdd(x, b0, c40);
            c41 = Vector512.FusedMultiplyAdd(x, b1, c41);
            x = Vector512.Create(a[5]);
            c50 = Vector512.FusedMultiplyAdd(x, b0, c50);
            c51 = Vector512.FusedMultiplyAdd(x, b1, c51);
        }

        const int W = 32;
        bool full = rows == Rows && cols == W;
        float* tile = stackalloc float[Rows * W];
        float* dst = full ? c : tile;
        int ld = full ? ldc : W;
        bool add = full && accumulate;
        Store(dst, add, c00, c01);
        Store(dst + ld, add, c10, c11);
        Store(dst + (2 * ld), add, c20, c21);
        Store(dst + (3 * ld), add, c30, c31);
        Store(dst + (4 * ld), add, c40, c41);
        Store(dst + (5 * ld), add, c50, c51);
        if (!full)
        {
            MergeTile(tile, W, c, ldc, rows, cols, accumulate);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static void Store(float* d, bool add, Vector512<float> v0, Vector512<float> v1)
        {
            if (add)
            {
                v0 += Vector512.Load(d);
                v1 += Vector512.Load(d + 16);
            }

            v0.Store(d);
            v1.Store(d + 16);
        }
    }

    private static void Kernel256(float* a, float* b, int kc, float* c, int ldc, int rows, int cols, bool accumulate)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int p = 0; p < kc; p++, a += Rows, b += BStride)
        {
            Vector256<float> b0 = Vector256.Load(b);
            Vector256<float> b1 = Vector256.Load(b + 8);
            Vector256<float> x = Vector256.Create(a[0]);
            c00 = Vector256.FusedMultiplyAdd(x, b0, c00);
            c01 = Vector256.FusedMultiplyAdd(x, b1, c01);
            x = Vector256.Create(a[1]);
            c10 = Vector256.FusedMultiplyAdd(x, b0, c10);
            c11 = Vector256.FusedMultiplyAdd(x, b1, c11);
            x = Vector256.Create(a[2]);
            c20 = Vector256.FusedMultiplyAdd(x, b0, c20);
            c21 = Vector256.FusedMultiplyAdd(x, b1, c21);
            x = Vector256.Create(a[3]);
            c30 = Vector256.FusedMultiplyAdd(x, b0, c30);
            c31 = Vector256.FusedMultiplyAdd(x, b1, c31);
            x = Vector256.Create(a[4]);
            c40 = Vector256.FusedMultiplyAdd(x, b0, c40);
            c41 = Vector256.FusedMultiplyAdd(x, b1, c41);
            x = Vector256.Create(a[5]);
            c50 = Vector256.FusedMultiplyAdd(x, b0, c50);
            c51 = Vector256.FusedMultiplyAdd(x, b1, c51);
        }

        const int W = 16;
        bool full = rows == Rows && cols == W;
        float* tile = stackalloc float[Rows * W];
        float* dst = full ? c : tile;
        int ld = full ? ldc : W;
        bool add = full && accumulate;
        Store(dst, add, c00, c01);
        Store(dst + ld, add, c10, c11);
        Store(dst + (2 * ld), add, c20, c21);
        Store(dst + (3 * ld), add, c30, c31);
        Store(dst + (4 * ld), add, c40, c41);
        Store(dst + (5 * ld), add, c50, c51);
        if (!full)
        {
            MergeTile(tile, W, c, ldc, rows, cols, accumulate);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static void Store(float* d, bool add, Vector256<float> v0, Vector256<float> v1)
        {
            if (add)
            {
                v0 += Vector256.Load(d);
                v1 += Vector256.Load(d + 8);
            }

            v0.Store(d);
            v1.Store(d + 8);
        }
    }

    private static void Kernel128(float* a, float* b, int kc, float* c, int ldc, int rows, int cols, bool accumulate)
    {
        Vector128<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector128<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int p = 0; p < kc; p++, a += Rows, b += BStride)
        {
            Vector128<float> b0 = Vector128.Load(b);
            Vector128<float> b1 = Vector128.Load(b + 4);
            Vector128<float> x = Vector128.Create(a[0]);
            c00 = Vector128.FusedMultiplyAdd(x, b0, c00);
            c01 = Vector128.FusedMultiplyAdd(x, b1, c01);
            x = Vector128.Create(a[1]);
            c10 = Vector128.FusedMultiplyAdd(x, b0, c10);
            c11 = Vector128.FusedMultiplyAdd(x, b1, c11);
            x = Vector128.Create(a[2]);
            c20 = Vector128.FusedMultiplyAdd(x, b0, c20);
            c21 = Vector128.FusedMultiplyAdd(x, b1, c21);
            x = Vector128.Create(a[3]);
            c30 = Vector128.FusedMultiplyAdd(x, b0, c30);
            c31 = Vector128.FusedMultiplyAdd(x, b1, c31);
            x = Vector128.Create(a[4]);
            c40 = Vector128.FusedMultiplyAdd(x, b0, c40);
            c41 = Vector128.FusedMultiplyAdd(x, b1, c41);
            x = Vector128.Create(a[5]);
            c50 = Vector128.FusedMultiplyAdd(x, b0, c50);
            c51 = Vector128.FusedMultiplyAdd(x, b1, c51);
        }

        const int W = 8;
        bool full = rows == Rows && cols == W;
        float* tile = stackalloc float[Rows * W];
        float* dst = full ? c : tile;
        int ld = full ? ldc : W;
        bool add = full && accumulate;
        Store(dst, add, c00, c01);
        Store(dst + ld, add, c10, c11);
        Store(dst + (2 * ld), add, c20, c21);
        Store(dst + (3 * ld), add, c30, c31);
        Store(dst + (4 * ld), add, c40, c41);
        Store(dst + (5 * ld), add, c50, c51);
        if (!full)
        {
            MergeTile(tile, W, c, ldc, rows, cols, accumulate);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static void Store(float* d, bool add, Vector128<float> v0, Vector128<float> v1)
        {
            if (add)
            {
                v0 += Vector128.Load(d);
                v1 += Vector128.Load(d + 4);
            }

            v0.Store(d);
            v1.Store(d + 4);
        }
    }

    private static void KernelScalar(float* a, float* b, int kc, float* c, int ldc, int rows, int cols, bool accumulate)
    {
        const int W = 8;
        float* tile = stackalloc float[Rows * W];
        new Span<float>(tile, Rows * W).Clear();
        for (int p = 0; p < kc; p++, a += Rows, b += BStride)
        {
            for (int r = 0; r < Rows; r++)
            {
                float x = a[r];
                for (int j = 0; j < W; j++)
                {
                    tile[(r * W) + j] = MathF.FusedMultiplyAdd(x, b[j], tile[(r * W) + j]);
                }
            }
        }

        MergeTile(tile, W, c, ldc, rows, cols, accumulate);
    }

    private static void MergeTile(float* tile, int tileWidth, float* c, int ldc, int rows, int cols, bool accumulate)
    {
        for (int r = 0; r < rows; r++)
        {
            float* src = tile + (r * tileWidth);
            float* dst = c + (r * ldc);
            for (int j = 0; j < cols; j++)
            {
                dst[j] = accumulate ? dst[j] + src[j] : src[j];
            }
        }
    }
}
