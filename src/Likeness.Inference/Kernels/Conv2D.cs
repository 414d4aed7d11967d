using System.Buffers;
using Likeness.Inference.Tensors;
using Likeness.Inference.Threading;

namespace Likeness.Inference.Kernels;

/// <summary>
/// A 2-D convolution over an HWC tensor with HWIO filters, as im2col + packed GEMM: each output pixel's k×k×Cin
/// window becomes a row of a pooled patch matrix (zeros for padded taps), multiplied by the filters packed once at
/// construction. 1×1 stride-1 convolutions (pointwise) skip im2col and multiply the input directly. Bias and
/// activation run in the GEMM epilogue; <see cref="Forward(in Tensor, in Tensor, bool, int)"/> can add onto an
/// existing output (residual connections). A <see cref="StackedBatch"/> of maps runs as one patch matrix and GEMM.
/// </summary>
public sealed class Conv2D
{
    private readonly PackedMatrix _filters;
    private readonly float[]? _bias;

    /// <summary>Creates the layer and packs its filters.</summary>
    /// <param name="filters">HWIO filters: [kernel, kernel, inChannels, outChannels].</param>
    /// <param name="bias">outChannels values, or null.</param>
    /// <param name="kernel">Window side.</param>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="outChannels">Output channels.</param>
    /// <param name="stride">Step between windows.</param>
    /// <param name="padding">TensorFlow padding mode (ignored when <paramref name="explicitPad"/> ≥ 0).</param>
    /// <param name="activation">Applied after the bias.</param>
    /// <param name="explicitPad">Zero cells on every side, or -1 to use <paramref name="padding"/>.</param>
    public Conv2D(
        ReadOnlySpan<float> filters, float[]? bias, int kernel, int inChannels, int outChannels, int stride,
        PaddingMode padding, Activation activation, int explicitPad = -1)
    {
        int depth = kernel * kernel * inChannels;
        if (filters.Length != depth * outChannels)
        {
            throw new ArgumentException($"Expected {depth * outChannels} filter values.", nameof(filters));
        }

        if (bias is not null && bias.Length != outChannels)
        {
            throw new ArgumentException($"Expected {outChannels} bias values.", nameof(bias));
        }

        _filters = Gemm.Pack(filters, depth, outChannels);
        _bias = bias;
        Kernel = kernel;
        InChannels = inChannels;
        OutChannels = outChannels;
        Stride = stride;
        Padding = padding;
        Activation = activation;
        ExplicitPad = explicitPad;
    }

    /// <summary>Window side.</summary>
    public int Kernel { get; }

    /// <summary>Input channels.</summary>
    public int InChannels { get; }

    /// <summary>Output channels.</summary>
    public int OutChannels { get; }

    /// <summary>Step between windows.</summary>
    public int Stride { get; }

    /// <summary>Padding mode.</summary>
    public PaddingMode Padding { get; }

    /// <summary>Activation after the bias.</summary>
    public Activation Activation { get; }

    /// <summary>Explicit padding on every side, or -1.</summary>
    public int ExplicitPad { get; }

    /// <summary>Multiply-adds for an input of the given size (for GFLOP/s reports).</summary>
    public long MultiplyAdds(int height, int width)
    {
        WindowGeometry g = Geometry(height, width);
        return (long)g.OutHeight * g.OutWidth * Kernel * Kernel * InChannels * OutChannels;
    }

    /// <summary>Output size for an input of <paramref name="height"/>×<paramref name="width"/>.</summary>
    public WindowGeometry Geometry(int height, int width) =>
        WindowGeometry.Create(height, width, Kernel, Stride, Padding, ExplicitPad);

    /// <summary>Convolves <paramref name="input"/> into a newly rented tensor.</summary>
    public Tensor Forward(in Tensor input, int degreeOfParallelism = 0) => ForwardBatch(input, 1, degreeOfParallelism);

    /// <summary>Convolves <paramref name="input"/> into <paramref name="output"/>, adding to its contents when <paramref name="accumulate"/>.</summary>
    public void Forward(in Tensor input, in Tensor output, bool accumulate, int degreeOfParallelism = 0) =>
        ForwardBatch(input, 1, output, accumulate, Activation, degreeOfParallelism);

    /// <summary>As <see cref="Forward(in Tensor, in Tensor, bool, int)"/> with another activation than the layer's (e.g. none, when the sum needs reshaping first).</summary>
    public void Forward(in Tensor input, in Tensor output, bool accumulate, Activation activation, int degreeOfParallelism = 0) =>
        ForwardBatch(input, 1, output, accumulate, activation, degreeOfParallelism);

    /// <summary>Convolves a <see cref="StackedBatch"/> of <paramref name="batch"/> items into a newly rented stack.</summary>
    internal Tensor ForwardBatch(in Tensor input, int batch, int degreeOfParallelism)
    {
        WindowGeometry g = Geometry(StackedBatch.ItemHeight(input, batch), input.Width);
        Tensor output = Tensor.Rent(batch * g.OutHeight, g.OutWidth, OutChannels);
        ForwardBatch(input, batch, output, accumulate: false, Activation, degreeOfParallelism);
        return output;
    }

    /// <summary>
    /// Convolves a <see cref="StackedBatch"/> of <paramref name="batch"/> items into the stack <paramref name="output"/>:
    /// one patch matrix and one GEMM for all items, so small maps still give the threads enough rows and the filters
    /// are read once per batch rather than once per item.
    /// </summary>
    internal void ForwardBatch(in Tensor input, int batch, in Tensor output, bool accumulate, Activation activation, int degreeOfParallelism)
    {
        if (input.Channels != InChannels)
        {
            throw new ArgumentException($"Expected {InChannels} input channels, got {input.Channels}.", nameof(input));
        }

        int itemHeight = StackedBatch.ItemHeight(input, batch);
        WindowGeometry g = Geometry(itemHeight, input.Width);
        int rows = batch * g.OutHeight;
        if (output.Height != rows || output.Width != g.OutWidth || output.Channels != OutChannels)
        {
            throw new ArgumentException($"Expected a {rows}x{g.OutWidth}x{OutChannels} output.", nameof(output));
        }

        int m = rows * g.OutWidth;
        int depth = Kernel * Kernel * InChannels;
        if (Kernel == 1 && Stride == 1 && g.PadTop == 0 && g.PadLeft == 0)
        {
            Gemm.Multiply(input.Span, InChannels, _filters, output.Span, OutChannels, m, _bias, activation, accumulate, degreeOfParallelism);
            return;
        }

        int rowFloats = g.OutWidth * depth;
        int bandRows = Math.Max(1, BandFloats / rowFloats);
        int bands = (rows + bandRows - 1) / bandRows;
        if (bands >= 2 * WorkerPool.ResolveDegree(degreeOfParallelism) && (long)depth * OutChannels <= BandedFilterFloats)
        {
            BandedConv.Run(this, input, itemHeight, output, g, bandRows, bands, activation, accumulate, degreeOfParallelism);
            return;
        }

        float[] patches = ArrayPool<float>.Shared.Rent(m * depth);
        try
        {
            Im2Col.Run(input, itemHeight, g, Kernel, Stride, rows, patches, degreeOfParallelism);
            Gemm.Multiply(patches.AsSpan(0, m * depth), depth, _filters, output.Span, OutChannels, m, _bias, activation, accumulate, degreeOfParallelism);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(patches);
        }
    }

    /// <summary>
    /// Filters above this size (1 MB, one core's L2) are not banded: every band multiplies by all the filters, so
    /// bands of a few rows (the descriptor's 3×3×256→256 layers on a 4×4 map) would stream megabytes of filters per
    /// band from L3; one GEMM over all rows reads them once per row block instead.
    /// </summary>
    private const int BandedFilterFloats = 256 * 1024;

    /// <summary>Patch-matrix floats per band (128 KB): small enough to stay in L2 between im2col and the GEMM reading it.</summary>
    private const int BandFloats = 32 * 1024;

    /// <summary>
    /// Large outputs: each task builds the patch rows of a band of output rows in its own cache-sized scratch and
    /// multiplies them single-threaded, so the patch matrix never travels through main memory.
    /// </summary>
    private sealed unsafe class BandedConv : IParallelWork
    {
        [ThreadStatic]
        private static BandedConv? t_work;

        [ThreadStatic]
        private static float[]? t_scratch;

        private Conv2D _layer = null!;
        private Tensor _input;
        private int _itemHeight;
        private Tensor _output;
        private WindowGeometry _g;
        private int _rows;
        private int _bandRows;
        private Activation _activation;
        private bool _accumulate;

        public static void Run(
            Conv2D layer, in Tensor input, int itemHeight, in Tensor output, WindowGeometry g, int bandRows, int bands, Activation activation,
            bool accumulate, int degreeOfParallelism)
        {
            BandedConv work = t_work ??= new BandedConv();
            work._layer = layer;
            work._input = input;
            work._itemHeight = itemHeight;
            work._output = output;
            work._g = g;
            work._rows = output.Height;
            work._bandRows = bandRows;
            work._activation = activation;
            work._accumulate = accumulate;
            WorkerPool.Shared.Run(work, bands, degreeOfParallelism);
            work._input = work._output = default;
        }

        public void Execute(int index)
        {
            int depth = _layer.Kernel * _layer.Kernel * _layer.InChannels;
            int oy0 = index * _bandRows;
            int oy1 = Math.Min(_rows, oy0 + _bandRows);
            int m = (oy1 - oy0) * _g.OutWidth;
            float[] scratch = t_scratch is { } s && s.Length >= m * depth ? s : (t_scratch = new float[m * depth]);
            fixed (float* patches = scratch)
            {
                Im2Col.Fill(_input, _itemHeight, _g, _layer.Kernel, _layer.Stride, oy0, oy1, patches);
            }

            int n = _layer.OutChannels;
            Gemm.Multiply(
                scratch.AsSpan(0, m * depth), depth, _layer._filters, _output.Span.Slice(oy0 * _g.OutWidth * n, m * n), n, m,
                _layer._bias, _activation, _accumulate, degreeOfParallelism: 1);
        }
    }

    /// <summary>
    /// Builds the patch matrix: row (oy·W'+ox) = the window at (oy, ox) in (ky, kx, c) order, zeros outside the input;
    /// over a stack, output row oy is row oy mod H' of item oy / H'.
    /// </summary>
    private sealed class Im2Col : RowWork
    {
        [ThreadStatic]
        private static Im2Col? t_work;

        private Tensor _input;
        private int _itemHeight;
        private WindowGeometry _g;
        private int _kernel;
        private int _stride;
        private float[] _patches = [];

        public static void Run(in Tensor input, int itemHeight, WindowGeometry g, int kernel, int stride, int rows, float[] patches, int degreeOfParallelism)
        {
            Im2Col work = t_work ??= new Im2Col();
            work._input = input;
            work._itemHeight = itemHeight;
            work._g = g;
            work._kernel = kernel;
            work._stride = stride;
            work._patches = patches;
            work.Run(rows, degreeOfParallelism);
            work._input = default;
            work._patches = [];
        }

        protected override unsafe void ProcessRows(int start, int end)
        {
            fixed (float* patches = _patches)
            {
                int depth = _kernel * _kernel * _input.Channels;
                Fill(_input, _itemHeight, _g, _kernel, _stride, start, end, patches + ((long)start * _g.OutWidth * depth));
            }
        }

        /// <summary>Writes the patch rows of (stacked) output rows [<paramref name="oyStart"/>, <paramref name="oyEnd"/>) to <paramref name="patches"/>.</summary>
        public static unsafe void Fill(in Tensor input, int itemHeight, WindowGeometry g, int k, int stride, int oyStart, int oyEnd, float* patches)
        {
            int c = input.Channels, h = itemHeight, w = input.Width;
            int rowLength = k * c;
            int depth = k * rowLength;
            fixed (float* stack = input.Span)
            {
                for (int row = oyStart; row < oyEnd; row++)
                {
                    float* src = StackedBatch.Item(stack, row, g.OutHeight, h * w * c, out int oy);
                    for (int ox = 0; ox < g.OutWidth; ox++)
                    {
                        float* patch = patches + ((long)(((row - oyStart) * g.OutWidth) + ox) * depth);
                        int x0 = (ox * stride) - g.PadLeft;
                        int kx0 = Math.Max(0, -x0);
                        int kx1 = Math.Max(kx0, Math.Min(k, w - x0));
                        for (int ky = 0; ky < k; ky++)
                        {
                            int iy = (oy * stride) - g.PadTop + ky;
                            float* dst = patch + (ky * rowLength);
                            if ((uint)iy >= (uint)h)
                            {
                                Fill(dst, rowLength);
                                continue;
                            }

                            Fill(dst, kx0 * c);
                            Copy(dst + (kx0 * c), src + ((((long)iy * w) + x0 + kx0) * c), (kx1 - kx0) * c);
                            Fill(dst + (kx1 * c), (k - kx1) * c);
                        }
                    }
                }
            }
        }

        // Runs are short (e.g. 9 floats for a 3×3 RGB window), where a plain loop beats the call overhead of a span copy.
        private static unsafe void Copy(float* dst, float* src, int n)
        {
            if (n >= 64)
            {
                Buffer.MemoryCopy(src, dst, n * sizeof(float), n * sizeof(float));
                return;
            }

            for (int i = 0; i < n; i++)
            {
                dst[i] = src[i];
            }
        }

        private static unsafe void Fill(float* dst, int n)
        {
            for (int i = 0; i < n; i++)
            {
                dst[i] = 0f;
            }
        }
    }
}
