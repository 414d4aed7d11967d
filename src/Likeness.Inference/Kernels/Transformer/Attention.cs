using System.Buffers;
using Likeness.Imaging;
using Likeness.Inference.Kernels.Operators;
using Likeness.Inference.Threading;

namespace Likeness.Inference.Kernels.Transformer;

/// <summary>
/// Multi-head scaled dot-product self-attention over packed Q|K|V rows:
/// <c>softmax(Q·Kᵀ/√d + mask)·V</c> per sequence and head, heads written side by side. The (sequence, head)
/// pairs run in parallel, each on the shared GEMM (single-threaded inside) and <see cref="Softmax"/>; when there are
/// fewer than <see cref="TasksPerThread"/> pairs per thread (one DINOv2-S image has 6 heads), each pair's query rows
/// are cut into chunks too, so a thread that starts late or runs slower holds the batch up by a chunk, not a head.
/// A query row's scores and output do not depend on the other rows, so every cut gives the same values.
/// </summary>
public static unsafe class Attention
{
    /// <summary>Tasks per thread below which each (sequence, head) pair is cut into chunks of query rows.</summary>
    internal const int TasksPerThread = 4;

    [ThreadStatic]
    private static Job? _cachedJob;

    /// <summary>Computes attention for <paramref name="sequences"/> sequences of <paramref name="tokens"/> tokens.</summary>
    /// <param name="qkv">Rows of <c>[q | k | v]</c>, each <paramref name="width"/> wide: (sequences × tokens) × 3·width.</param>
    /// <param name="output">Attention output before the out-projection: (sequences × tokens) × width.</param>
    /// <param name="sequences">Independent sequences (batch).</param>
    /// <param name="tokens">Tokens per sequence.</param>
    /// <param name="width">Model width (heads × head size).</param>
    /// <param name="heads">Number of heads.</param>
    /// <param name="causal">Mask keys after the query (the text tower's <c>-inf</c> above the diagonal).</param>
    /// <param name="degreeOfParallelism">Threads to use; 0 or less = every core.</param>
    public static void SelfAttention(
        ReadOnlySpan<float> qkv, Span<float> output, int sequences, int tokens, int width, int heads, bool causal,
        int degreeOfParallelism = 0) =>
        SelfAttention(qkv, output, sequences, tokens, tokens, width, heads, causal, degreeOfParallelism);

    /// <summary>
    /// Attention for only the first <paramref name="queryRows"/> tokens of each sequence as queries (every token is
    /// still a key and a value); the other output rows are left as they are. A ViT's last block needs only its class
    /// token when the pooled output is all that is read.
    /// </summary>
    internal static void SelfAttention(
        ReadOnlySpan<float> qkv, Span<float> output, int sequences, int tokens, int queryRows, int width, int heads, bool causal,
        int degreeOfParallelism)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(queryRows);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(queryRows, tokens);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(heads);
        if (width % heads != 0)
        {
            throw new ArgumentException($"Width {width} is not divisible by {heads} heads.", nameof(heads));
        }

        long rows = (long)sequences * tokens;
        if (qkv.Length < rows * 3 * width || output.Length < rows * width)
        {
            throw new ArgumentException($"Attention needs {rows} rows of 3x{width} inputs and {width} outputs.");
        }

        int pairs = sequences * heads;
        int chunkRows = ChunkRows(pairs, queryRows, WorkerPool.ResolveDegree(degreeOfParallelism));
        int chunks = (queryRows + chunkRows - 1) / chunkRows;
        if (queryRows == 0)
        {
            return;
        }

        Job job = _cachedJob ?? new Job();
        _cachedJob = null;
        try
        {
            fixed (float* pq = qkv, po = output)
            {
                job.Set(pq, po, tokens, queryRows, width, heads, causal, chunkRows, chunks);
                WorkerPool.Shared.Run(job, pairs * chunks, degreeOfParallelism);
            }
        }
        finally
        {
            job.Set(null, null, 0, 0, 0, 0, false, 0, 1);
            _cachedJob = job;
        }
    }

    /// <summary>
    /// Query rows per task: all of a sequence's <paramref name="tokens"/>, or, when <paramref name="pairs"/> (sequence,
    /// head) pairs give fewer than <see cref="TasksPerThread"/> tasks per thread, an even cut of them in whole 6-row
    /// micro-kernel groups.
    /// </summary>
    internal static int ChunkRows(int pairs, int tokens, int threads)
    {
        int wanted = threads * TasksPerThread;
        if (threads <= 1 || pairs >= wanted || tokens <= 0)
        {
            return Math.Max(1, tokens);
        }

        int groups = (tokens + GemmMicroKernels.Rows - 1) / GemmMicroKernels.Rows;
        int chunks = Math.Min((wanted + pairs - 1) / pairs, groups);
        return Math.Min(tokens, (groups + chunks - 1) / chunks * GemmMicroKernels.Rows);
    }

    /// <summary>
    /// One chunk of query rows of one (sequence, head) pair per task; pointers are valid only during
    /// the <c>SelfAttention</c> call. A task's scores live in an array rented for the task: the pool hands a thread
    /// back the array it returned, so every task of a thread reuses one buffer that stays in its L2 cache (one buffer
    /// per pair, 12.7 MB for 8 DINOv2-S images, made each head's scores a round trip to memory).
    /// </summary>
    private sealed class Job : IParallelWork
    {
        private float* _qkv;
        private float* _output;
        private int _tokens;
        private int _queryRows;
        private int _width;
        private int _heads;
        private bool _causal;
        private int _chunkRows;
        private int _chunks;

        public void Set(float* qkv, float* output, int tokens, int queryRows, int width, int heads, bool causal, int chunkRows, int chunks)
        {
            _qkv = qkv;
            _output = output;
            _tokens = tokens;
            _queryRows = queryRows;
            _width = width;
            _heads = heads;
            _causal = causal;
            _chunkRows = chunkRows;
            _chunks = chunks;
        }

        public void Execute(int index)
        {
            int pair = index / _chunks;
            int first = (index - (pair * _chunks)) * _chunkRows;
            int sequence = pair / _heads;
            int head = pair % _heads;
            int t = _tokens;
            int count = Math.Min(_chunkRows, _queryRows - first);
            int headSize = _width / _heads;
            int stride = 3 * _width;
            int span = ((t - 1) * stride) + headSize;
            float* rows = _qkv + ((long)sequence * t * stride) + (head * headSize);
            var q = new ReadOnlySpan<float>(rows + ((long)first * stride), ((count - 1) * stride) + headSize);
            var k = new ReadOnlySpan<float>(rows + _width, span);
            var v = new ReadOnlySpan<float>(rows + (2 * _width), span);
            float[] rented = ArrayPool<float>.Shared.Rent(count * t);
            var scores = rented.AsSpan(0, count * t);
            var output = new Span<float>(
                _output + ((((long)sequence * t) + first) * _width) + (head * headSize), ((count - 1) * _width) + headSize);

            Gemm.Multiply(q, stride, k, stride, bTransposed: true, scores, t, count, t, headSize, degreeOfParallelism: 1);
            float scale = 1f / MathF.Sqrt(headSize);
            for (int i = 0; i < count; i++)
            {
                Span<float> row = scores.Slice(i * t, t);
                Span<float> visible = _causal ? row[..(first + i + 1)] : row;
                fixed (float* p = visible)
                {
                    // Our element-wise kernel rather than TensorPrimitives: compiled optimised from the first call.
                    ElementwiseLoop.BinaryScalar<MultiplyOperator>(p, scale, p, visible.Length, SimdLevels.Best);
                }

                Softmax.Apply(visible);
                row[visible.Length..].Clear();
            }

            Gemm.Multiply(scores, t, v, stride, bTransposed: false, output, _width, count, headSize, t, degreeOfParallelism: 1);
            ArrayPool<float>.Shared.Return(rented);
        }
    }
}
