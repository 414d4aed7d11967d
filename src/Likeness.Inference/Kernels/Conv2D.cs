using System.Buffers;
using Likeness.Inference.Tensors;
using Likeness.Inference.Threading;

namespace Likeness.Inference.Kernels;

/// <summary>
/// A 2-D convolution over an HWC tensor with HWIO filters, as im2col + packed GEMM: each output pixel's k×k×Cin
/// window becomes a row of a pooled patch matrix (zeros for padded taps), multiplied by the filters packed once at
/// construction. 1×1 stride-1 convolutions (pointwise) skip im2col and multiply the input directly. Bias and
/// activation run in the GEMM epilogue; <see cref="Forward(in Tensor, in Tensor, bool, int)"/> can add onto an
/// existing output (residual connections).
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
    public Tensor Forward(in Tensor input, int degreeOfParallelism = 0)
    {
        WindowGeometry g = Geometry(input.Height, input.Width);
        Tensor output = Tensor.Rent(g.OutHeight, g.OutWidth, OutChannels);
        Forward(input, output, accumulate: false, degreeOfParallelism);
        return output;
    }

    /// <summary>Convolves <paramref name="input"/> into <paramref name="output"/>, adding to its contents when <paramref name="accumulate"/>.</summary>
    public void Forward(in Tensor input, in Tensor output, bool accumulate, int degreeOfParallelism = 0) =>
        Forward(input, output, accumulate, Activation, degreeOfParallelism);

    /// <summary>As <see cref="Forward(in Tensor, in Tensor, bool, int)"/> with another activation than the layer's (e.g. none, when the sum needs reshaping first).</summary>
    public void Forward(in Tensor input, in Tensor output, bool accumulate, Activation activation, int degreeOfParallelism = 0)
    {
        if (input.Channels != InChannels)
        {
            throw new ArgumentException($"Expected {InChannels} input channels, got {input.Channels}.", nameof(input));
        }

        WindowGeometry g = Geometry(input.Height, input.Width);
        if (output.Height != g.OutHeight || output.Width != g.OutWidth || output.Channels != OutChannels)
        {
            throw new ArgumentException($"Expected a {g.OutHeight}x{g.OutWidth}x{OutChannels} output.", nameof(output));
        }

        int m = g.OutHeight * g.OutWidth;
        int depth = Kernel * Kernel * InChannels;
        if (Kernel == 1 && Stride == 1 && g.PadTop == 0 && g.PadLeft == 0)
        {
            Gemm.Multiply(input.Span, InChannels, _filters, output.Span, OutChannels, m, _bias, activation, accumulate, degreeOfParallelism);
            return;
        }

        float[] patches = ArrayPool<float>.Shared.Rent(m * depth);
        try
        {
            Im2Col.Run(input, g, Kernel, Stride, patches, degreeOfParallelism);
            Gemm.Multiply(patches.AsSpan(0, m * depth), depth, _filters, output.Span, OutChannels, m, _bias, activation, accumulate, degreeOfParallelism);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(patches);
        }
    }

    /// <summary>Builds the patch matrix: row (oy·W'+ox) = the window at (oy, ox) in (ky, kx, c) order, zeros outside the input.</summary>
    private sealed class Im2Col : RowWork
    {
        [ThreadStatic]
        private static Im2Col? t_work;

        private Tensor _input;
        private WindowGeometry _g;
        private int _kernel;
        private int _stride;
        private float[] _patches = [];

        public static void Run(in Tensor input, WindowGeometry g, int kernel, int stride, float[] patches, int degreeOfParallelism)
        {
            Im2Col work = t_work ??= new Im2Col();
            work._input = input;
            work._g = g;
            work._kernel = kernel;
            work._stride = stride;
            work._patches = patches;
            work.Run(g.OutHeight, degreeOfParallelism);
            work._input = default;
            work._patches = [];
        }

        protected override void ProcessRows(int start, int end)
        {
            Span<float> src = _input.Span;
            int c = _input.Channels, h = _input.Height, w = _input.Width;
            int k = _kernel;
            int rowLength = k * c;
            int depth = k * rowLength;
            for (int oy = start; oy < end; oy++)
            {
                for (int ox = 0; ox < _g.OutWidth; ox++)
                {
                    Span<float> patch = _patches.AsSpan(((oy * _g.OutWidth) + ox) * depth, depth);
                    int x0 = (ox * _stride) - _g.PadLeft;
                    int kx0 = Math.Max(0, -x0);
                    int kx1 = Math.Min(k, w - x0);
                    for (int ky = 0; ky < k; ky++)
                    {
                        int iy = (oy * _stride) - _g.PadTop + ky;
                        Span<float> dst = patch.Slice(ky * rowLength, rowLength);
                        if (iy < 0 || iy >= h || kx1 <= kx0)
                        {
                            dst.Clear();
                            continue;
                        }

                        dst[..(kx0 * c)].Clear();
                        src.Slice(((iy * w) + x0 + kx0) * c, (kx1 - kx0) * c).CopyTo(dst[(kx0 * c)..]);
                        dst[(kx1 * c)..].Clear();
                    }
                }
            }
        }
    }
}
