using System.Buffers;
using Likeness.Imaging;

namespace Likeness.Inference.Kernels;

/// <summary>
/// Single-precision matrix multiply, row-major: <c>C[m×n] = act(A[m×k]·B[k×n] + bias (+ C if accumulating))</c>.
/// Constant weights are packed once with <see cref="Pack(ReadOnlySpan{float}, int, int, bool)"/>; activations ×
/// activations (attention's Q·Kᵀ) go through the unpacked overload, which packs into pooled scratch. Cache-blocked
/// (A in 72×256 blocks, B in 256×32 panel slices) around 6×32 AVX-512 / 6×16 AVX / 6×8 SSE register tiles; work is
/// split into output tiles over the requested number of threads (0 = every core).
/// </summary>
public static class Gemm
{
    /// <summary>Packs a constant B for <see cref="Multiply(ReadOnlySpan{float}, int, PackedMatrix, Span{float}, int, int, ReadOnlySpan{float}, Activation, bool, int)"/>.</summary>
    /// <param name="b">B as k×n row-major, or (when <paramref name="transposed"/>) as n×k row-major, e.g. a PyTorch Linear weight [out×in].</param>
    /// <param name="k">Shared dimension.</param>
    /// <param name="n">Output columns.</param>
    /// <param name="transposed">Whether <paramref name="b"/> is stored as n×k.</param>
    public static PackedMatrix Pack(ReadOnlySpan<float> b, int k, int n, bool transposed = false) =>
        Pack(b, transposed ? k : n, k, n, transposed);

    /// <summary>Packs a constant B whose rows are <paramref name="ldb"/> floats apart.</summary>
    /// <param name="b">B as k×n (or n×k when <paramref name="transposed"/>) row-major.</param>
    /// <param name="ldb">Row stride of <paramref name="b"/> in floats.</param>
    /// <param name="k">Shared dimension.</param>
    /// <param name="n">Output columns.</param>
    /// <param name="transposed">Whether <paramref name="b"/> is stored as n×k.</param>
    public static PackedMatrix Pack(ReadOnlySpan<float> b, int ldb, int k, int n, bool transposed)
    {
        CheckB(b, ldb, k, n, transposed);
        var panels = new float[PackedMatrix.PackedLength(k, n)];
        PackedMatrix.PackInto(b, ldb, k, n, transposed, panels);
        return new PackedMatrix(panels, k, n);
    }

    /// <summary>Multiplies by a packed constant B.</summary>
    /// <param name="a">A, m×k row-major with row stride <paramref name="lda"/>.</param>
    /// <param name="lda">Row stride of A (≥ k).</param>
    /// <param name="b">Packed B (k×n).</param>
    /// <param name="c">C, m×n row-major with row stride <paramref name="ldc"/>.</param>
    /// <param name="ldc">Row stride of C (≥ n).</param>
    /// <param name="m">Rows of A and C.</param>
    /// <param name="bias">Empty, or n values added to every row.</param>
    /// <param name="activation">Applied last.</param>
    /// <param name="accumulate">Add the product to C's current contents instead of overwriting them.</param>
    /// <param name="degreeOfParallelism">Threads to use; 0 or less = every core.</param>
    public static void Multiply(
        ReadOnlySpan<float> a, int lda, PackedMatrix b, Span<float> c, int ldc, int m,
        ReadOnlySpan<float> bias = default, Activation activation = Activation.None, bool accumulate = false,
        int degreeOfParallelism = 0)
    {
        ArgumentNullException.ThrowIfNull(b);
        GemmDriver.Run(a, lda, b.Panels, b.K, b.N, c, ldc, m, bias, activation, accumulate, degreeOfParallelism, SimdLevels.Best);
    }

    /// <summary>Multiplies two activation matrices; B is packed into pooled scratch on each call.</summary>
    /// <param name="a">A, m×k row-major with row stride <paramref name="lda"/>.</param>
    /// <param name="lda">Row stride of A.</param>
    /// <param name="b">B as k×n, or n×k when <paramref name="bTransposed"/> (Q·Kᵀ passes K as is).</param>
    /// <param name="ldb">Row stride of <paramref name="b"/>.</param>
    /// <param name="bTransposed">Whether <paramref name="b"/> is stored as n×k.</param>
    /// <param name="c">C, m×n row-major with row stride <paramref name="ldc"/>.</param>
    /// <param name="ldc">Row stride of C.</param>
    /// <param name="m">Rows of A and C.</param>
    /// <param name="n">Columns of C.</param>
    /// <param name="k">Shared dimension.</param>
    /// <param name="bias">Empty, or n values added to every row.</param>
    /// <param name="activation">Applied last.</param>
    /// <param name="accumulate">Add the product to C's current contents.</param>
    /// <param name="degreeOfParallelism">Threads to use; 0 or less = every core.</param>
    public static void Multiply(
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, bool bTransposed, Span<float> c, int ldc,
        int m, int n, int k, ReadOnlySpan<float> bias = default, Activation activation = Activation.None,
        bool accumulate = false, int degreeOfParallelism = 0) =>
        MultiplyUnpacked(a, lda, b, ldb, bTransposed, c, ldc, m, n, k, bias, activation, accumulate, degreeOfParallelism, SimdLevels.Best);

    /// <summary>The unpacked multiply on a chosen kernel path (tests compare the paths).</summary>
    internal static void MultiplyUnpacked(
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, bool bTransposed, Span<float> c, int ldc,
        int m, int n, int k, ReadOnlySpan<float> bias, Activation activation, bool accumulate, int degreeOfParallelism,
        SimdLevel path)
    {
        CheckB(b, ldb, k, n, bTransposed);
        int length = PackedMatrix.PackedLength(k, n);
        float[] scratch = ArrayPool<float>.Shared.Rent(Math.Max(1, length));
        try
        {
            PackedMatrix.PackInto(b, ldb, k, n, bTransposed, scratch.AsSpan(0, length));
            GemmDriver.Run(a, lda, scratch, k, n, c, ldc, m, bias, activation, accumulate, degreeOfParallelism, path);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scratch);
        }
    }

    private static void CheckB(ReadOnlySpan<float> b, int ldb, int k, int n, bool transposed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        int rows = transposed ? n : k;
        int cols = transposed ? k : n;
        ArgumentOutOfRangeException.ThrowIfLessThan(ldb, cols);
        if (rows > 0 && b.Length < ((long)(rows - 1) * ldb) + cols)
        {
            throw new ArgumentException($"B needs {rows} rows of {cols} floats with stride {ldb}.", nameof(b));
        }
    }
}
