using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Likeness.Imaging;

namespace Likeness.Inference.Kernels;

/// <summary>
/// Register-blocked inner kernels: C[rows×cols] (+)= A[rows×kc]·Bpanel for up to <see cref="Rows"/> rows of A read in
/// place (row stride lda; the nets' A is an im2col or activation matrix with unit-stride rows, so packing it would
/// cost as much as the math for narrow outputs) and a column slice of a packed B panel (<c>b[p·32 + j]</c>). Each path keeps a
/// 6×width accumulator tile in registers (width 32/16/8/8 for 512/256/128/scalar; 2 or 4 rows for a last, partial row
/// group) for the whole k loop; a full tile is then merged into C by <see cref="TileMerge"/> (accumulate, bias,
/// activation) register by register, an edge tile is stored to the stack and merged row by row, so the k loop has no
/// edge branches. The scalar path is the
/// reference the vector paths are tested against.
/// </summary>
internal static unsafe class GemmMicroKernels
{
    /// <summary>Rows of the register tile (and of an A micro-panel).</summary>
    public const int Rows = 6;

    private const int BStride = PackedMatrix.PanelWidth;

    /// <summary>Columns one call covers for <paramref name="path"/>.</summary>
    public static int Width(SimdLevel path) => path switch
    {
        SimdLevel.Vector512 => 32,
        SimdLevel.Vector256 => 16,
        _ => 8,
    };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(SimdLevel path, float* a, int lda, float* b, int kc, float* c, int ldc, int rows, int cols, in TileMerge merge)
    {
        // A last row group of 1-2 or 3-4 rows runs a kernel with only those accumulators: one image's 50 CLIP tokens
        // end in 2 rows, which the 6-row kernel would multiply as 6.
        switch (path)
        {
            case SimdLevel.Vector512 when cols <= 16:
            case SimdLevel.Vector256:
                // (A last panel of ≤ 16 columns on AVX-512: the 16-wide kernel wastes no lanes.)
                if (rows <= 2)
                {
                    Kernel256<TwoRows>(a, lda, b, kc, c, ldc, rows, cols, merge);
                }
                else if (rows <= 4)
                {
                    Kernel256<FourRows>(a, lda, b, kc, c, ldc, rows, cols, merge);
                }
                else
                {
                    Kernel256<SixRows>(a, lda, b, kc, c, ldc, rows, cols, merge);
                }

                break;
            case SimdLevel.Vector512:
                if (rows <= 2)
                {
                    Kernel512<TwoRows>(a, lda, b, kc, c, ldc, rows, cols, merge);
                }
                else if (rows <= 4)
                {
                    Kernel512<FourRows>(a, lda, b, kc, c, ldc, rows, cols, merge);
                }
                else
                {
                    Kernel512<SixRows>(a, lda, b, kc, c, ldc, rows, cols, merge);
                }

                break;
            case SimdLevel.Vector128:
                if (rows <= 2)
                {
                    Kernel128<TwoRows>(a, lda, b, kc, c, ldc, rows, cols, merge);
                }
                else if (rows <= 4)
                {
                    Kernel128<FourRows>(a, lda, b, kc, c, ldc, rows, cols, merge);
                }
                else
                {
                    Kernel128<SixRows>(a, lda, b, kc, c, ldc, rows, cols, merge);
                }

                break;
            default:
                KernelScalar(a, lda, b, kc, c, ldc, rows, cols, merge);
                break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel512<TRows>(float* a, int lda, float* b, int kc, float* c, int ldc, int rows, int cols, in TileMerge merge)
        where TRows : struct, IRowCount
    {
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector512<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        // Rows past the edge re-read the last valid row; their results are never stored.
        float* a0 = a, a1 = a + (Math.Min(1, rows - 1) * lda), a2 = a + (Math.Min(2, rows - 1) * lda);
        float* a3 = a + (Math.Min(3, rows - 1) * lda), a4 = a + (Math.Min(4, rows - 1) * lda), a5 = a + (Math.Min(5, rows - 1) * lda);

        // kc ≥ 1 (the driver never calls with an empty slice); a do-while keeps the accumulators in registers.
        int p = 0;
        do
        {
            Vector512<float> b0 = Vector512.Load(b);
            Vector512<float> b1 = Vector512.Load(b + 16);
            Vector512<float> x = Vector512.Create(a0[p]);
            c00 = Vector512.FusedMultiplyAdd(x, b0, c00);
            c01 = Vector512.FusedMultiplyAdd(x, b1, c01);
            x = Vector512.Create(a1[p]);
            c10 = Vector512.FusedMultiplyAdd(x, b0, c10);
            c11 = Vector512.FusedMultiplyAdd(x, b1, c11);
            if (TRows.Value > 2)
            {
                x = Vector512.Create(a2[p]);
                c20 = Vector512.FusedMultiplyAdd(x, b0, c20);
                c21 = Vector512.FusedMultiplyAdd(x, b1, c21);
                x = Vector512.Create(a3[p]);
                c30 = Vector512.FusedMultiplyAdd(x, b0, c30);
                c31 = Vector512.FusedMultiplyAdd(x, b1, c31);
            }

            if (TRows.Value > 4)
            {
                x = Vector512.Create(a4[p]);
                c40 = Vector512.FusedMultiplyAdd(x, b0, c40);
                c41 = Vector512.FusedMultiplyAdd(x, b1, c41);
                x = Vector512.Create(a5[p]);
                c50 = Vector512.FusedMultiplyAdd(x, b0, c50);
                c51 = Vector512.FusedMultiplyAdd(x, b1, c51);
            }

            b += BStride;
        }
        while (++p < kc);

        const int W = 32;
        if (rows == TRows.Value && cols == W)
        {
            // A full tile: merged from the registers (most tiles of a ViT's GEMMs; attention's K = 64 products
            // spent a fifth of their time in the round trip through the stack).
            merge.Store(c00, c, 0);
            merge.Store(c01, c + 16, 16);
            merge.Store(c10, c + ldc, 0);
            merge.Store(c11, c + ldc + 16, 16);
            if (TRows.Value > 2)
            {
                merge.Store(c20, c + (2 * ldc), 0);
                merge.Store(c21, c + (2 * ldc) + 16, 16);
                merge.Store(c30, c + (3 * ldc), 0);
                merge.Store(c31, c + (3 * ldc) + 16, 16);
            }

            if (TRows.Value > 4)
            {
                merge.Store(c40, c + (4 * ldc), 0);
                merge.Store(c41, c + (4 * ldc) + 16, 16);
                merge.Store(c50, c + (5 * ldc), 0);
                merge.Store(c51, c + (5 * ldc) + 16, 16);
            }

            return;
        }

        float* tile = stackalloc float[Rows * W];
        c00.Store(tile);
        c01.Store(tile + 16);
        c10.Store(tile + W);
        c11.Store(tile + W + 16);
        c20.Store(tile + (2 * W));
        c21.Store(tile + (2 * W) + 16);
        c30.Store(tile + (3 * W));
        c31.Store(tile + (3 * W) + 16);
        c40.Store(tile + (4 * W));
        c41.Store(tile + (4 * W) + 16);
        c50.Store(tile + (5 * W));
        c51.Store(tile + (5 * W) + 16);
        merge.Apply(tile, W, c, ldc, rows, cols);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel256<TRows>(float* a, int lda, float* b, int kc, float* c, int ldc, int rows, int cols, in TileMerge merge)
        where TRows : struct, IRowCount
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        // Rows past the edge re-read the last valid row; their results are never stored.
        float* a0 = a, a1 = a + (Math.Min(1, rows - 1) * lda), a2 = a + (Math.Min(2, rows - 1) * lda);
        float* a3 = a + (Math.Min(3, rows - 1) * lda), a4 = a + (Math.Min(4, rows - 1) * lda), a5 = a + (Math.Min(5, rows - 1) * lda);

        // kc ≥ 1 (the driver never calls with an empty slice); a do-while keeps the accumulators in registers.
        int p = 0;
        do
        {
            Vector256<float> b0 = Vector256.Load(b);
            Vector256<float> b1 = Vector256.Load(b + 8);
            Vector256<float> x = Vector256.Create(a0[p]);
            c00 = Vector256.FusedMultiplyAdd(x, b0, c00);
            c01 = Vector256.FusedMultiplyAdd(x, b1, c01);
            x = Vector256.Create(a1[p]);
            c10 = Vector256.FusedMultiplyAdd(x, b0, c10);
            c11 = Vector256.FusedMultiplyAdd(x, b1, c11);
            if (TRows.Value > 2)
            {
                x = Vector256.Create(a2[p]);
                c20 = Vector256.FusedMultiplyAdd(x, b0, c20);
                c21 = Vector256.FusedMultiplyAdd(x, b1, c21);
                x = Vector256.Create(a3[p]);
                c30 = Vector256.FusedMultiplyAdd(x, b0, c30);
                c31 = Vector256.FusedMultiplyAdd(x, b1, c31);
            }

            if (TRows.Value > 4)
            {
                x = Vector256.Create(a4[p]);
                c40 = Vector256.FusedMultiplyAdd(x, b0, c40);
                c41 = Vector256.FusedMultiplyAdd(x, b1, c41);
                x = Vector256.Create(a5[p]);
                c50 = Vector256.FusedMultiplyAdd(x, b0, c50);
                c51 = Vector256.FusedMultiplyAdd(x, b1, c51);
            }

            b += BStride;
        }
        while (++p < kc);

        const int W = 16;
        if (rows == TRows.Value && cols == W)
        {
            // A full tile: merged from the registers (most tiles of a ViT's GEMMs; attention's K = 64 products
            // spent a fifth of their time in the round trip through the stack).
            merge.Store(c00, c, 0);
            merge.Store(c01, c + 8, 8);
            merge.Store(c10, c + ldc, 0);
            merge.Store(c11, c + ldc + 8, 8);
            if (TRows.Value > 2)
            {
                merge.Store(c20, c + (2 * ldc), 0);
                merge.Store(c21, c + (2 * ldc) + 8, 8);
                merge.Store(c30, c + (3 * ldc), 0);
                merge.Store(c31, c + (3 * ldc) + 8, 8);
            }

            if (TRows.Value > 4)
            {
                merge.Store(c40, c + (4 * ldc), 0);
                merge.Store(c41, c + (4 * ldc) + 8, 8);
                merge.Store(c50, c + (5 * ldc), 0);
                merge.Store(c51, c + (5 * ldc) + 8, 8);
            }

            return;
        }

        float* tile = stackalloc float[Rows * W];
        c00.Store(tile);
        c01.Store(tile + 8);
        c10.Store(tile + W);
        c11.Store(tile + W + 8);
        c20.Store(tile + (2 * W));
        c21.Store(tile + (2 * W) + 8);
        c30.Store(tile + (3 * W));
        c31.Store(tile + (3 * W) + 8);
        c40.Store(tile + (4 * W));
        c41.Store(tile + (4 * W) + 8);
        c50.Store(tile + (5 * W));
        c51.Store(tile + (5 * W) + 8);
        merge.Apply(tile, W, c, ldc, rows, cols);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel128<TRows>(float* a, int lda, float* b, int kc, float* c, int ldc, int rows, int cols, in TileMerge merge)
        where TRows : struct, IRowCount
    {
        Vector128<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector128<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        // Rows past the edge re-read the last valid row; their results are never stored.
        float* a0 = a, a1 = a + (Math.Min(1, rows - 1) * lda), a2 = a + (Math.Min(2, rows - 1) * lda);
        float* a3 = a + (Math.Min(3, rows - 1) * lda), a4 = a + (Math.Min(4, rows - 1) * lda), a5 = a + (Math.Min(5, rows - 1) * lda);

        // kc ≥ 1 (the driver never calls with an empty slice); a do-while keeps the accumulators in registers.
        int p = 0;
        do
        {
            Vector128<float> b0 = Vector128.Load(b);
            Vector128<float> b1 = Vector128.Load(b + 4);
            Vector128<float> x = Vector128.Create(a0[p]);
            c00 = Vector128.FusedMultiplyAdd(x, b0, c00);
            c01 = Vector128.FusedMultiplyAdd(x, b1, c01);
            x = Vector128.Create(a1[p]);
            c10 = Vector128.FusedMultiplyAdd(x, b0, c10);
            c11 = Vector128.FusedMultiplyAdd(x, b1, c11);
            if (TRows.Value > 2)
            {
                x = Vector128.Create(a2[p]);
                c20 = Vector128.FusedMultiplyAdd(x, b0, c20);
                c21 = Vector128.FusedMultiplyAdd(x, b1, c21);
                x = Vector128.Create(a3[p]);
                c30 = Vector128.FusedMultiplyAdd(x, b0, c30);
                c31 = Vector128.FusedMultiplyAdd(x, b1, c31);
            }

            if (TRows.Value > 4)
            {
                x = Vector128.Create(a4[p]);
                c40 = Vector128.FusedMultiplyAdd(x, b0, c40);
                c41 = Vector128.FusedMultiplyAdd(x, b1, c41);
                x = Vector128.Create(a5[p]);
                c50 = Vector128.FusedMultiplyAdd(x, b0, c50);
                c51 = Vector128.FusedMultiplyAdd(x, b1, c51);
            }

            b += BStride;
        }
        while (++p < kc);

        const int W = 8;
        if (rows == TRows.Value && cols == W)
        {
            // A full tile: merged from the registers (most tiles of a ViT's GEMMs; attention's K = 64 products
            // spent a fifth of their time in the round trip through the stack).
            merge.Store(c00, c, 0);
            merge.Store(c01, c + 4, 4);
            merge.Store(c10, c + ldc, 0);
            merge.Store(c11, c + ldc + 4, 4);
            if (TRows.Value > 2)
            {
                merge.Store(c20, c + (2 * ldc), 0);
                merge.Store(c21, c + (2 * ldc) + 4, 4);
                merge.Store(c30, c + (3 * ldc), 0);
                merge.Store(c31, c + (3 * ldc) + 4, 4);
            }

            if (TRows.Value > 4)
            {
                merge.Store(c40, c + (4 * ldc), 0);
                merge.Store(c41, c + (4 * ldc) + 4, 4);
                merge.Store(c50, c + (5 * ldc), 0);
                merge.Store(c51, c + (5 * ldc) + 4, 4);
            }

            return;
        }

        float* tile = stackalloc float[Rows * W];
        c00.Store(tile);
        c01.Store(tile + 4);
        c10.Store(tile + W);
        c11.Store(tile + W + 4);
        c20.Store(tile + (2 * W));
        c21.Store(tile + (2 * W) + 4);
        c30.Store(tile + (3 * W));
        c31.Store(tile + (3 * W) + 4);
        c40.Store(tile + (4 * W));
        c41.Store(tile + (4 * W) + 4);
        c50.Store(tile + (5 * W));
        c51.Store(tile + (5 * W) + 4);
        merge.Apply(tile, W, c, ldc, rows, cols);
    }

    /// <summary>How many rows of A a kernel instantiation multiplies (a JIT-time constant: the other FMAs are not emitted).</summary>
    private interface IRowCount
    {
        static abstract int Value { get; }
    }

    private readonly struct TwoRows : IRowCount
    {
        public static int Value => 2;
    }

    private readonly struct FourRows : IRowCount
    {
        public static int Value => 4;
    }

    private readonly struct SixRows : IRowCount
    {
        public static int Value => Rows;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void KernelScalar(float* a, int lda, float* b, int kc, float* c, int ldc, int rows, int cols, in TileMerge merge)
    {
        const int W = 8;
        float* tile = stackalloc float[Rows * W];
        new Span<float>(tile, Rows * W).Clear();
        for (int p = 0; p < kc; p++, b += BStride)
        {
            for (int r = 0; r < rows; r++)
            {
                float x = a[(r * lda) + p];
                for (int j = 0; j < W; j++)
                {
                    tile[(r * W) + j] = MathF.FusedMultiplyAdd(x, b[j], tile[(r * W) + j]);
                }
            }
        }

        merge.Apply(tile, W, c, ldc, rows, cols);
    }
}
