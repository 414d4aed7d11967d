using System.Runtime.Intrinsics;
using Likeness.Imaging;
using Likeness.Inference.Tensors;
using Likeness.Inference.Threading;

namespace Likeness.Inference.Kernels;

/// <summary>
/// Depthwise k×k convolution (one filter per channel, TensorFlow layout [k, k, C, 1]), no bias, rows split over
/// threads and channels vectorised: on AVX-512 each 16-channel sum stays in a register over the taps; other paths
/// accumulate tap by tap with <see cref="ChannelOps.MultiplyAdd"/> (the scalar one is the reference). Padded taps are skipped, which equals
/// multiplying zeros.
/// </summary>
public sealed class DepthwiseConv2D
{
    private readonly float[] _filters;

    /// <summary>Creates the layer.</summary>
    /// <param name="filters">[kernel, kernel, channels, 1] filters.</param>
    /// <param name="kernel">Window side.</param>
    /// <param name="channels">Channels in and out.</param>
    /// <param name="stride">Step between windows.</param>
    /// <param name="padding">TensorFlow padding mode (ignored when <paramref name="explicitPad"/> ≥ 0).</param>
    /// <param name="explicitPad">Zero cells on every side, or -1 to use <paramref name="padding"/>.</param>
    public DepthwiseConv2D(float[] filters, int kernel, int channels, int stride, PaddingMode padding, int explicitPad = -1)
    {
        ArgumentNullException.ThrowIfNull(filters);
        if (filters.Length != kernel * kernel * channels)
        {
            throw new ArgumentException($"Expected {kernel * kernel * channels} filter values.", nameof(filters));
        }

        _filters = filters;
        Kernel = kernel;
        Channels = channels;
        Stride = stride;
        Padding = padding;
        ExplicitPad = explicitPad;
    }

    /// <summary>Window side.</summary>
    public int Kernel { get; }

    /// <summary>Channels.</summary>
    public int Channels { get; }

    /// <summary>Step between windows.</summary>
    public int Stride { get; }

    /// <summary>Padding mode.</summary>
    public PaddingMode Padding { get; }

    /// <summary>Explicit padding on every side, or -1.</summary>
    public int ExplicitPad { get; }

    /// <summary>Multiply-adds for an input of the given size.</summary>
    public long MultiplyAdds(int height, int width)
    {
        WindowGeometry g = Geometry(height, width);
        return (long)g.OutHeight * g.OutWidth * Kernel * Kernel * Channels;
    }

    /// <summary>Convolves <paramref name="input"/> into a newly rented tensor.</summary>
    public Tensor Forward(in Tensor input, int degreeOfParallelism = 0) => Forward(input, degreeOfParallelism, SimdLevels.Best);

    internal Tensor Forward(in Tensor input, int degreeOfParallelism, SimdLevel path) => ForwardBatch(input, 1, degreeOfParallelism, path);

    /// <summary>Convolves each item of a <see cref="StackedBatch"/> of <paramref name="batch"/> items into a newly rented stack.</summary>
    internal Tensor ForwardBatch(in Tensor input, int batch, int degreeOfParallelism, SimdLevel path)
    {
        if (input.Channels != Channels)
        {
            throw new ArgumentException($"Expected {Channels} channels, got {input.Channels}.", nameof(input));
        }

        int itemHeight = StackedBatch.ItemHeight(input, batch);
        WindowGeometry g = Geometry(itemHeight, input.Width);
        Tensor output = Tensor.Rent(batch * g.OutHeight, g.OutWidth, Channels);
        Work.Run(this, input, itemHeight, output, g, path, degreeOfParallelism);
        return output;
    }

    /// <summary>The output geometry for an input of <paramref name="height"/>×<paramref name="width"/>.</summary>
    internal WindowGeometry Geometry(int height, int width) => WindowGeometry.Create(height, width, Kernel, Stride, Padding, ExplicitPad);

    /// <summary>
    /// Output rows [<paramref name="rowStart"/>, <paramref name="rowEnd"/>) of <paramref name="input"/> (one map) on
    /// the calling thread, into <paramref name="output"/>, whose first row is row <paramref name="rowStart"/>: the
    /// values <see cref="Forward(in Tensor, int)"/> writes there.
    /// </summary>
    internal unsafe void ForwardRows(in Tensor input, int rowStart, int rowEnd, in Tensor output, SimdLevel path)
    {
        WindowGeometry g = Geometry(input.Height, input.Width);
        if (input.Channels != Channels || rowStart < 0 || rowEnd > g.OutHeight || rowStart >= rowEnd
            || output.Height != rowEnd - rowStart || output.Width != g.OutWidth || output.Channels != Channels)
        {
            throw new ArgumentException($"Rows {rowStart}..{rowEnd} of a {g.OutHeight}x{g.OutWidth}x{Channels} output do not fit.", nameof(output));
        }

        fixed (float* dst = output.Span)
        {
            Work.Rows(this, input, input.Height, g, rowStart, rowEnd, dst, path);
        }
    }

    private sealed unsafe class Work : RowWork
    {
        /// <summary>One output pixel with each 16-channel block's sum kept in a register over all taps.</summary>
        private static void Pixel512(float* src, int w, int h, float* filters, float* acc, int c, int y0, int x0, int k)
        {
            for (int ch = 0; ch < c; ch += 16)
            {
                Vector512<float> sum = Vector512<float>.Zero;
                for (int ky = 0; ky < k; ky++)
                {
                    int iy = y0 + ky;
                    if ((uint)iy >= (uint)h)
                    {
                        continue;
                    }

                    for (int kx = 0; kx < k; kx++)
                    {
                        int ix = x0 + kx;
                        if ((uint)ix < (uint)w)
                        {
                            sum = Vector512.FusedMultiplyAdd(
                                Vector512.Load(src + ((((iy * w) + ix) * c) + ch)), Vector512.Load(filters + ((((ky * k) + kx) * c) + ch)), sum);
                        }
                    }
                }

                sum.Store(acc + ch);
            }
        }

        [ThreadStatic]
        private static Work? t_work;

        private DepthwiseConv2D _layer = null!;
        private Tensor _input;
        private int _itemHeight;
        private Tensor _output;
        private WindowGeometry _g;
        private SimdLevel _path;

        public static void Run(DepthwiseConv2D layer, in Tensor input, int itemHeight, in Tensor output, WindowGeometry g, SimdLevel path, int degreeOfParallelism)
        {
            Work work = t_work ??= new Work();
            work._layer = layer;
            work._input = input;
            work._itemHeight = itemHeight;
            work._output = output;
            work._g = g;
            work._path = path;
            work.Run(output.Height, degreeOfParallelism);
            work._input = work._output = default;
        }

        protected override void ProcessRows(int start, int end)
        {
            fixed (float* dst = _output.Span)
            {
                Rows(_layer, _input, _itemHeight, _g, start, end, dst + ((long)start * _g.OutWidth * _layer.Channels), _path);
            }
        }

        /// <summary>Output rows [<paramref name="start"/>, <paramref name="end"/>) of a stack, written from <paramref name="dst"/> on.</summary>
        public static void Rows(DepthwiseConv2D layer, in Tensor input, int itemHeight, WindowGeometry g, int start, int end, float* dst, SimdLevel path)
        {
            int c = input.Channels, h = itemHeight, w = input.Width;
            int k = layer.Kernel, stride = layer.Stride;
            fixed (float* stack = input.Span)
            fixed (float* filters = layer._filters)
            {
                for (int row = start; row < end; row++)
                {
                    // Taps read only the rows of the output row's item.
                    float* src = StackedBatch.Item(stack, row, g.OutHeight, h * w * c, out int oy);
                    for (int ox = 0; ox < g.OutWidth; ox++)
                    {
                        float* acc = dst + ((((long)(row - start) * g.OutWidth) + ox) * c);
                        if (path == SimdLevel.Vector512 && c % 16 == 0)
                        {
                            Pixel512(src, w, h, filters, acc, c, (oy * stride) - g.PadTop, (ox * stride) - g.PadLeft, k);
                            continue;
                        }

                        new Span<float>(acc, c).Clear();
                        for (int ky = 0; ky < k; ky++)
                        {
                            int iy = (oy * stride) - g.PadTop + ky;
                            if ((uint)iy >= (uint)h)
                            {
                                continue;
                            }

                            for (int kx = 0; kx < k; kx++)
                            {
                                int ix = (ox * stride) - g.PadLeft + kx;
                                if ((uint)ix < (uint)w)
                                {
                                    ChannelOps.MultiplyAdd(acc, src + (((iy * w) + ix) * c), filters + (((ky * k) + kx) * c), c, path);
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
