namespace Likeness.Inference.Kernels;

/// <summary>
/// A constant right-hand GEMM operand B[k×n] rearranged once (at model load) into column panels of
/// <see cref="PanelWidth"/> columns: panel p holds rows 0..k-1 of columns p·32..p·32+31 back to back, the last
/// panel zero-padded. The micro-kernels then stream B with unit stride whatever the original layout was.
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

    /// <summary>Writes B (row-major k×n with row stride <paramref name="ldb"/>, or its transpose n×k) in panel order.</summary>
    internal static void PackInto(ReadOnlySpan<float> b, int ldb, int k, int n, bool transposed, Span<float> panels)
    {
        int panelCount = PanelCount(n);
        for (int p = 0; p < panelCount; p++)
        {
            int j0 = p * PanelWidth;
            int width = Math.Min(PanelWidth, n - j0);
            Span<float> panel = panels.Slice(p * PanelWidth * k, PanelWidth * k);
            for (int kk = 0; kk < k; kk++)
            {
                Span<float> row = panel.Slice(kk * PanelWidth, PanelWidth);
                if (transposed)
                {
                    for (int j = 0; j < width; j++)
                    {
                        row[j] = b[((j0 + j) * ldb) + kk];
                    }
                }
                else
                {
                    b.Slice((kk * ldb) + j0, width).CopyTo(row);
                }

                row[width..].Clear();
            }
        }
    }
}
