using System.Runtime.CompilerServices;

namespace Likeness.Inference.Kernels;

/// <summary>
/// A constant right-hand GEMM operand B[k×n] rearranged once (at model load) into column panels of
/// <see cref="PanelWidth"/> columns, the last panel zero-padded, stored slice-major: for each 256-deep slice of k
/// (the driver's depth block), every panel's rows of that slice back to back. The micro-kernels then stream B with
/// unit stride whatever the original layout was, and a task sweeping its panels at one depth slice reads one
/// contiguous run of memory instead of a 32 KB piece every k·128 bytes (what hardware prefetchers follow best when B
/// comes from DRAM, as a batch-1 ViT's weights do).
/// </summary>
public sealed class PackedMatrix
{
    /// <summary>Columns per panel.</summary>
    public const int PanelWidth = 32;

    internal PackedMatrix(float[] panels, int k, int n)
    {
        Panels = panels;
        K = k;
        N = n;
    }

    /// <summary>Rows of B (the shared dimension).</summary>
    public int K { get; }

    /// <summary>Columns of B (the output width).</summary>
    public int N { get; }

    internal float[] Panels { get; }

    /// <summary>Number of panels needed for <paramref name="n"/> columns.</summary>
    internal static int PanelCount(int n) => (n + PanelWidth - 1) / PanelWidth;

    /// <summary>Floats needed to pack a k×n matrix.</summary>
    internal static int PackedLength(int k, int n) => PanelCount(n) * PanelWidth * k;

    /// <summary>
    /// Where panel <paramref name="p"/>'s rows of the depth slice starting at <paramref name="k0"/> (a multiple of
    /// <see cref="GemmDriver.BlockDepth"/>) begin: every earlier slice is full depth.
    /// </summary>
    internal static long Offset(int k, int n, int k0, int p) =>
        ((long)k0 * PanelCount(n) * PanelWidth) + ((long)p * Math.Min(GemmDriver.BlockDepth, k - k0) * PanelWidth);

    /// <summary>Writes B (row-major k×n with row stride <paramref name="ldb"/>, or its transpose n×k) in panel order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void PackInto(ReadOnlySpan<float> b, int ldb, int k, int n, bool transposed, Span<float> panels)
    {
        int panelCount = PanelCount(n);
        for (int k0 = 0; k0 < k; k0 += GemmDriver.BlockDepth)
        {
            int depth = Math.Min(GemmDriver.BlockDepth, k - k0);
            for (int p = 0; p < panelCount; p++)
            {
                int j0 = p * PanelWidth;
                int width = Math.Min(PanelWidth, n - j0);
                Span<float> panel = panels.Slice((int)Offset(k, n, k0, p), PanelWidth * depth);
                if (transposed)
                {
                    // Column j of the panel is row j0 + j of the source: read it along its row (attention packs Kᵀ
                    // this way for every head; the element-by-element gather down the source's columns cost a tenth
                    // of attention).
                    TransposeInto(b.Slice((j0 * ldb) + k0, ((width - 1) * ldb) + depth), ldb, width, depth, panel);
                }

                for (int kk = 0; kk < depth; kk++)
                {
                    Span<float> row = panel.Slice(kk * PanelWidth, PanelWidth);
                    if (!transposed)
                    {
                        b.Slice(((k0 + kk) * ldb) + j0, width).CopyTo(row);
                    }

                    row[width..].Clear();
                }
            }
        }
    }

    /// <summary>Writes <paramref name="rows"/> rows of <paramref name="depth"/> values (stride <paramref name="ldb"/>) as the first columns of a panel.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void TransposeInto(ReadOnlySpan<float> source, int ldb, int rows, int depth, Span<float> panel)
    {
        fixed (float* from = source, to = panel)
        {
            for (int j = 0; j < rows; j++)
            {
                float* src = from + ((long)j * ldb);
                float* dst = to + j;
                for (int kk = 0; kk < depth; kk++)
                {
                    dst[kk * PanelWidth] = src[kk];
                }
            }
        }
    }
}
