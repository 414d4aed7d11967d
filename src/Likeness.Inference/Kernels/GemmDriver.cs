using System.Runtime.CompilerServices;
using Likeness.Imaging;
using Likeness.Inference.Threading;

namespace Likeness.Inference.Kernels;

/// <summary>
/// Blocking and threading for <see cref="Gemm"/>. One task = a block of up to <see cref="BlockRows"/> rows of C × a run
/// of B panels (<see cref="Split"/>); inside it, for each 256-deep slice of k (so a B panel slice, 32 KB, stays in L1),
/// the micro-kernel sweeps panels × 6-row groups of A. The bias/activation epilogue is fused into the last k slice's
/// tile merge.
/// </summary>
internal static unsafe class GemmDriver
{
    public const int BlockRows = 72;
    public const int BlockDepth = 256;

    /// <summary>Tasks per thread a split GEMM aims for when its rows alone give fewer.</summary>
    public const int TasksPerThread = 8;

    /// <summary>Multiply-adds below which a task is not worth handing to another thread (a few microseconds).</summary>
    public const long MinTaskMacs = 1 << 19;

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

        GemmSplit split = Split(m, n, k, WorkerPool.ResolveDegree(degreeOfParallelism));
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
            job.RowsPerBlock = split.RowsPerBlock;
            job.RowBlockCount = split.RowBlocks;
            job.Bias = pbias;
            job.Activation = activation;
            job.Accumulate = accumulate;
            job.Path = path;
            job.PanelsPerTask = split.PanelsPerTask;
            job.PanelGroups = split.PanelGroups;
            WorkerPool.Shared.Run(job, split.Tasks, split.Threads);
            job.A = job.Panels = job.C = job.Bias = null;
        }
    }

    /// <summary>
    /// How a GEMM is cut into tasks on <paramref name="threads"/> threads. Row blocks first (<see cref="RowBlocks"/>);
    /// when they give fewer than <see cref="TasksPerThread"/> tasks per thread (one image's tokens: CLIP B/32's 50
    /// rows are one block, DINOv2-S's 257 are four), each row block is also split along n into runs of B panels.
    /// Threads claim tasks as they go, so with many small tasks a thread that starts late or runs slower (a helper
    /// woken from sleep, a vCPU shared with another process) costs at most one small task, where two big tasks per
    /// thread made the whole GEMM wait for it. Each output is computed by the same kernel in the same k order however
    /// the work is cut, so the result is bit-identical to the one-thread path. Products too small to give two tasks
    /// of <see cref="MinTaskMacs"/> run on the calling thread alone.
    /// </summary>
    internal static GemmSplit Split(int m, int n, int k, int threads)
    {
        int panelCount = PackedMatrix.PanelCount(n);
        long affordable = (long)m * n * Math.Max(1, k) / MinTaskMacs;
        if (affordable < 2)
        {
            threads = 1;
        }

        (int rows, int rowBlocks) = RowBlocks(m, threads);
        int groups = 1;
        if (threads > 1)
        {
            long wanted = Math.Min((long)threads * TasksPerThread, affordable);
            groups = (int)Math.Clamp((wanted + rowBlocks - 1) / rowBlocks, 1, panelCount);
        }

        int panelsPerTask = (panelCount + groups - 1) / groups;
        return new GemmSplit(threads, rows, rowBlocks, panelsPerTask, (panelCount + panelsPerTask - 1) / panelsPerTask);
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
        public int RowBlockCount;
        public int PanelsPerTask;
        public int PanelGroups;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Execute(int index)
        {
            // Panel-group-major: consecutive tasks, which the threads claim side by side, read the same B panels (the
            // second from cache) for different row blocks. The groups come from the two halves of n in turn, so two
            // threads sweep columns half of n apart instead of writing neighbouring runs of C at the same time (the
            // cache line at their shared edge would bounce between the cores).
            int turn = index / RowBlockCount;
            int rowBlock = index - (turn * RowBlockCount);
            int group = (turn & 1) == 0 ? turn >> 1 : ((PanelGroups + 1) >> 1) + (turn >> 1);
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
