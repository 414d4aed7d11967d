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
        WindowGeometry g = WindowGeometry.Create(height, width, Kernel, Stride, Padding, ExplicitPad);
        return (long)g.OutHeight * g.OutWidth * Kernel * Kernel * Channels;
    }

    /// <summary>Convolves <paramref name="input"/> into a newly rented tensor.</summary>
    public Tensor Forward(in Tensor input, int degreeOfParallelism = 0) => Forward(input, degreeOfParallelism, SimdLevels.Best);

    internal Tensor Forward(in Tensor input, int degreeOfParallelism, SimdLevel path)
    {
        if (input.Channels != Channels)
        {
            throw new ArgumentException($"Expected {Channels} channels, got {input.Channels}.", nameof(input));
        }

        WindowGeometry g = WindowGeometry.Create(input.Height, input.Width, Kernel, Stride, Padding, ExplicitPad);
        Tensor output = Tensor.Rent(g.OutHeight, g.OutWidth, Channels);
        Work.Run(this, input, output, g, path, degreeOfParallelism);
        return output;
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
        private Tensor _output;
        private WindowGeometry _g;
        private SimdLevel _path;

        public static void Run(DepthwiseConv2D layer, in Tensor input, in Tensor output, WindowGeometry g, SimdLevel path, int degreeOfParallelism)
        {
            Work work = t_work ??= new Work();
            work._layer = layer;
            work._input = input;
            work._output = output;
            work._g = g;
            work._path = path;
            work.Run(g.OutHeight, degreeOfParallelism);
            work._input = work._output = default;
        }

        protected override void ProcessRows(int start, int end)
        {
            int c = _input.Channels, h = _input.Height, w = _input.Width;
            int k = _layer.Kernel, stride = _layer.Stride;
            fixed (float* src = _input.Span)
            fixed (float* dst = _output.Span)
            fixed (float* filters = _layer._filters)
            {
                for (int oy = start; oy < end; oy++)
                {
                    for (int ox = 0; ox < _g.OutWidth; ox++)
                    {
                        float* acc = dst + (((oy * _g.OutWidth) + ox) * c);
                        if (_path == SimdLevel.Vector512 && c % 16 == 0)
                        {
                            Pixel512(src, w, h, filters, acc, c, (oy * stride) - _g.PadTop, (ox * stride) - _g.PadLeft, k);
                            continue;
                        }

                        new Span<float>(acc, c).Clear();
                        for (int ky = 0; ky < k; ky++)
                        {
                            int iy = (oy * stride) - _g.PadTop + ky;
                            if ((uint)iy >= (uint)h)
                            {
                                continue;
                            }

                            for (int kx = 0; kx < k; kx++)
                            {
                                int ix = (ox * stride) - _g.PadLeft + kx;
                                if ((uint)ix < (uint)w)
                                {
                                    ChannelOps.MultiplyAdd(acc, src + (((iy * w) + ix) * c), filters + (((ky * k) + kx) * c), c, _path);
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
