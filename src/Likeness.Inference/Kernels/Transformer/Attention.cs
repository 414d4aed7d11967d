using System.Buffers;
using System.Numerics.Tensors;
using Likeness.Inference.Threading;

namespace Likeness.Inference.Kernels.Transformer;

/// <summary>
/// Multi-head scaled dot-product self-attention over packed Q|K|V rows:
/// <c>softmax(Q·Kᵀ/√d + mask)·V</c> per sequence and head, heads written side by side. The (sequence, head)
/// pairs run in parallel, each on the shared GEMM (single-threaded inside) and <see cref="Softmax"/>.
/// </summary>
public static unsafe class Attention
{
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
        int degreeOfParallelism = 0)
    {
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

        int tasks = sequences * heads;
        float[] scratch = ArrayPool<float>.Shared.Rent(Math.Max(1, tasks * tokens * tokens));
        Job job = _cachedJob ?? new Job();
        _cachedJob = null;
        try
        {
            fixed (float* pq = qkv, po = output, ps = scratch)
            {
                job.Set(pq, po, ps, tokens, width, heads, causal);
                WorkerPool.Shared.Run(job, tasks, degreeOfParallelism);
            }
        }
        finally
        {
            job.Set(null, null, null, 0, 0, 0, false);
            _cachedJob = job;
            ArrayPool<float>.Shared.Return(scratch);
        }
    }

    /// <summary>One (sequence, head) pair per task; pointers are valid only during <see cref="SelfAttention"/>.</summary>
    private sealed class Job : IParallelWork
    {
        private float* _qkv;
        private float* _output;
        private float* _scores;
        private int _tokens;
        private int _width;
        private int _heads;
        private bool _causal;

        public void Set(float* qkv, float* output, float* scores, int tokens, int width, int heads, bool causal)
        {
            _qkv = qkv;
            _output = output;
            _scores = scores;
            _tokens = tokens;
            _width = width;
            _heads = heads;
            _causal = causal;
        }

        public void Execute(int index)
        {
            int sequence = index / _heads;
            int head = index % _heads;
            int t = _tokens;
            int headSize = _width / _heads;
            int stride = 3 * _width;
            int span = ((t - 1) * stride) + headSize;
            float* rows = _qkv + ((long)sequence * t * stride) + (head * headSize);
            var q = new ReadOnlySpan<float>(rows, span);
            var k = new ReadOnlySpan<float>(rows + _width, span);
            var v = new ReadOnlySpan<float>(rows + (2 * _width), span);
            var scores = new Span<float>(_scores + ((long)index * t * t), t * t);
            var output = new Span<float>(_output + ((long)sequence * t * _width) + (head * headSize), ((t - 1) * _width) + headSize);

            Gemm.Multiply(q, stride, k, stride, bTransposed: true, scores, t, t, t, headSize, degreeOfParallelism: 1);
            float scale = 1f / MathF.Sqrt(headSize);
            for (int i = 0; i < t; i++)
            {
                Span<float> row = scores.Slice(i * t, t);
                Span<float> visible = _causal ? row[..(i + 1)] : row;
                TensorPrimitives.Multiply(visible, scale, visible);
                Softmax.Apply(visible);
                row[visible.Length..].Clear();
            }

            Gemm.Multiply(scores, t, v, stride, bTransposed: false, output, _width, t, headSize, t, degreeOfParallelism: 1);
        }
    }
}
