using Likeness.Imaging;
using Likeness.Inference.Threading;

namespace Likeness.Inference.Kernels;

/// <summary>
/// Blocking and threading for <see cref="Gemm"/>. One task = a block of up to <see cref="BlockRows"/> rows of C × a run
/// of B panels; inside it, for each 256-deep slice of k (so a B panel slice, 32 KB, stays in L1), the micro-kernel
/// sweeps panels × 6-row groups of A. The bias/activation epilogue
/// is fused into the last k slice's tile merge.
/// </summary>
internal static unsafe class GemmDriver
{
    public const int BlockRows = 72;
    public const int BlockDepth = 256;

    [ThreadStatic]
    private static GemmJob? t_job;

    public static void Run(
        ReadOnlySpan<float> a, int lda, float[] panels, int k, int n, Span<float> c, int ldc, int m,
        ReadOnlySpan<float> bias, Activation activation, bool accumulate, int degreeOfParallelism, SimdLevel path)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfLessThan(lda, k);
        ArgumentOutOfRangeException.ThrowIfLessThan(ldc, n);
        if (m == 0 || n == 0)
        {
            return;
        }

        if (a.Length < ((long)(m - 1) * lda) + k)
        {
            throw new ArgumentException($"A needs {m} rows of {k} floats with stride {lda}.", nameof(a));
        }

        if (c.Length < ((long)(m - 1) * ldc) + n)
        {
            throw new ArgumentException($"C needs {m} rows of {n} floats with stride {ldc}.", nameof(c));
        }

        if (!bias.IsEmpty && bias.Length != n)
        {
            throw new ArgumentException($"Bias must have {n} values.", nameof(bias));
        }

        if (!SimdLevels.IsSupported(path))
        {
            throw new PlatformNotSupportedException($"{path} is not accelerated on this CPU.");
        }

        int threads = WorkerPool.ResolveDegree(degreeOfParallelism);
        (int blockRows, int rowBlocks) = RowBlocks(m, threads);
        int panelCount = PackedMatrix.PanelCount(n);

        // Enough tasks to keep every thread busy, but whole panel runs when rows alone give that (A read once per
        // panel run); a few rows (one image's tokens) are split along n instead, each task a run of B panels.
        int panelsPerTask = threads == 1 || rowBlocks >= 2 * threads ? panelCount : Math.Max(1, panelCount * rowBlocks / (2 * threads));
        int panelGroups = (panelCount + panelsPerTask - 1) / panelsPerTask;

        GemmJob job = t_job ??= new GemmJob();
        fixed (float* pa = a)
        fixed (float* pb = panels)
        fixed (float* pc = c)
        fixed (float* pbias = bias)
        {
            job.A = pa;
            job.Lda = lda;
            job.Panels = pb;
            job.K = k;
            job.N = n;
            job.C = pc;
            job.Ldc = ldc;
            job.M = m;
            job.RowsPerBlock = blockRows;
            job.Bias = pbias;
            job.Activation = activation;
            job.Accumulate = accumulate;
            job.Path = path;
            job.PanelsPerTask = panelsPerTask;
            job.PanelGroups = panelGroups;
            WorkerPool.Shared.Run(job, rowBlocks * panelGroups, threads);
            job.A = job.Panels = job.C = job.Bias = null;
        }
    }

    /// <summary>
    /// Row blocks of at most <see cref="BlockRows"/> rows, as even as whole micro-kernel rows allow, and (when there
    /// are a few blocks and more than one thread) a multiple of the thread count: 257 tokens on 2 threads are
    /// 66+66+66+59 rows rather than 72+72+72+41, which left one thread a quarter idle.
    /// </summary>
    internal static (int Rows, int Count) RowBlocks(int m, int threads)
    {
        int count = (m + BlockRows - 1) / BlockRows;
        if (count > 1 && threads > 1 && count % threads != 0 && count < 4 * threads)
        {
            count += threads - (count % threads);
        }

        int rows = (m + count - 1) / count;
        rows = Math.Min(BlockRows, (rows + GemmMicroKernels.Rows - 1) / GemmMicroKernels.Rows * GemmMicroKernels.Rows);
        return (rows, (m + rows - 1) / rows);
    }

    private sealed class GemmJob : IParallelWork
    {
        public float* A;
        public int Lda;
        public float* Panels;
        public int K;
        public int N;
        public float* C;
        public int Ldc;
        public int M;
        public int RowsPerBlock;
        public float* Bias;
        public Activation Activation;
        public bool Accumulate;
        public SimdLevel Path;
        public int PanelsPerTask;
        public int PanelGroups;

        public void Execute(int index)
        {
            int rowBlock = index / PanelGroups;
            int group = index % PanelGroups;
            int i0 = rowBlock * RowsPerBlock;
            int rows = Math.Min(RowsPerBlock, M - i0);
            int p0 = group * PanelsPerTask;
            int p1 = Math.Min(PackedMatrix.PanelCount(N), p0 + PanelsPerTask);
            int j0 = p0 * PackedMatrix.PanelWidth;
            int j1 = Math.Min(N, p1 * PackedMatrix.PanelWidth);
            int width = GemmMicroKernels.Width(Path);

            if (K == 0)
            {
                // No products: C = act((C or 0) + bias).
                var epilogue = new TileMerge(accumulate: false, Bias == null ? null : Bias + j0, Activation, Path);
                for (int i = 0; i < rows; i++)
                {
                    float* row = C + ((long)(i0 + i) * Ldc) + j0;
                    if (!Accumulate)
                    {
                        new Span<float>(row, j1 - j0).Clear();
                    }

                    epilogue.Row(row, row, j1 - j0);
                }
            }

            for (int k0 = 0; k0 < K; k0 += BlockDepth)
            {
                int kc = Math.Min(BlockDepth, K - k0);
                float* a = A + ((long)i0 * Lda) + k0;
                bool last = k0 + kc == K;
                var merge = new TileMerge(Accumulate || k0 > 0, last ? Bias : null, last ? Activation : Activation.None, Path);
                for (int p = p0; p < p1; p++)
                {
                    float* panel = Panels + PackedMatrix.Offset(K, N, k0, p);
                    for (int jj = 0; jj < PackedMatrix.PanelWidth; jj += width)
                    {
                        int j = (p * PackedMatrix.PanelWidth) + jj;
                        int cols = Math.Min(width, N - j);
                        if (cols <= 0)
                        {
                            break;
                        }

                        for (int r = 0; r < rows; r += GemmMicroKernels.Rows)
                        {
                            GemmMicroKernels.Run(
                                Path, a + ((long)r * Lda), Lda, panel + jj, kc, C + ((long)(i0 + r) * Ldc) + j, Ldc,
                                Math.Min(GemmMicroKernels.Rows, rows - r), cols, merge.Shift(j));
                        }
                    }
                }
            }
        }
    }
}
