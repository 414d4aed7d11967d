using System.Runtime.Intrinsics;
using Likeness.Imaging;
using Likeness.Inference.Tensors;
using Likeness.Inference.Threading;

namespace Likeness.Inference.Kernels;

/// <summary>
/// A 'valid' stride-1 k×k convolution with bias and activation, then 2×2 stride-2 max pooling, in one pass: the tiny
/// face detector's first layer (3×3×3 taps, 16 filters; 37 % of the net's multiply-adds at 416). As im2col + GEMM that
/// layer spends more on building 27-float patch rows than on the products, and writes an activation map four times the
/// pooled size only to read it back for the pool. Here the four pixels of each pooling window are summed together, tap
/// by tap straight from the input, 16 filters to an AVX-512 register, and only their maximum is stored. The taps run
/// in <see cref="Conv2D"/>'s order with FMA, the epilogue is <see cref="TileMerge"/> and the pooling
/// <see cref="ChannelOps.Max"/> in <see cref="Pooling"/>'s order, so the output equals <see cref="Conv2D"/> then
/// <see cref="Pooling.Max"/> bit for bit.
/// </summary>
public sealed class PooledConv2D
{
    private readonly float[] _filters;
    private readonly float[] _bias;

    /// <summary>Creates the layer.</summary>
    /// <param name="filters">HWIO filters: [kernel, kernel, inChannels, outChannels].</param>
    /// <param name="bias">outChannels values.</param>
    /// <param name="kernel">Window side.</param>
    /// <param name="inChannels">Input channels (kernel² × inChannels at most 256 taps).</param>
    /// <param name="outChannels">Output channels (a multiple of 16 for the AVX-512 sums).</param>
    /// <param name="activation">Applied after the bias, before the pool.</param>
    public PooledConv2D(float[] filters, float[] bias, int kernel, int inChannels, int outChannels, Activation activation)
    {
        ArgumentNullException.ThrowIfNull(filters);
        ArgumentNullException.ThrowIfNull(bias);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kernel);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inChannels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outChannels);
        if (kernel * kernel * inChannels > GemmDriver.BlockDepth)
        {
            // Beyond one GEMM depth slice Conv2D rounds between slices; the fused sums would no longer equal it.
            throw new ArgumentException($"The fused layer takes at most {GemmDriver.BlockDepth} taps per filter.", nameof(inChannels));
        }

        if (filters.Length != kernel * kernel * inChannels * outChannels || bias.Length != outChannels)
        {
            throw new ArgumentException($"Expected {kernel * kernel * inChannels * outChannels} filter and {outChannels} bias values.");
        }

        _filters = filters;
        _bias = bias;
        Kernel = kernel;
        InChannels = inChannels;
        OutChannels = outChannels;
        Activation = activation;
    }

    /// <summary>Window side.</summary>
    public int Kernel { get; }

    /// <summary>Input channels.</summary>
    public int InChannels { get; }

    /// <summary>Output channels.</summary>
    public int OutChannels { get; }

    /// <summary>Activation after the bias.</summary>
    public Activation Activation { get; }

    /// <summary>
    /// Whether the fused pass applies: AVX-512 and a multiple of 16 filters (the register sums; elsewhere im2col + GEMM
    /// is faster), and an even convolution output, so every pooling window is whole.
    /// </summary>
    public bool Supports(int height, int width, SimdLevel path) =>
        path == SimdLevel.Vector512 && OutChannels % 16 == 0 && height >= Kernel + 1 && width >= Kernel + 1 && (height - Kernel + 1) % 2 == 0 && (width - Kernel + 1) % 2 == 0;

    /// <summary>Convolves and pools <paramref name="input"/> into a newly rented tensor.</summary>
    public Tensor Forward(in Tensor input, int degreeOfParallelism = 0) => Forward(input, degreeOfParallelism, SimdLevels.Best);

    internal Tensor Forward(in Tensor input, int degreeOfParallelism, SimdLevel path)
    {
        if (input.Channels != InChannels)
        {
            throw new ArgumentException($"Expected {InChannels} input channels, got {input.Channels}.", nameof(input));
        }

        if (input.Height < Kernel + 1 || input.Width < Kernel + 1 || (input.Height - Kernel + 1) % 2 != 0 || (input.Width - Kernel + 1) % 2 != 0)
        {
            throw new ArgumentException("The convolution output must have an even, non-zero height and width.", nameof(input));
        }

        Tensor output = Tensor.Rent((input.Height - Kernel + 1) / 2, (input.Width - Kernel + 1) / 2, OutChannels);
        Work.Run(this, input, output, path, degreeOfParallelism);
        return output;
    }

    /// <summary>Pooled output rows split over threads; one pooling window (four convolution pixels) at a time.</summary>
    private sealed unsafe class Work : RowWork
    {
        [ThreadStatic]
        private static Work? t_work;

        private PooledConv2D _layer = null!;
        private Tensor _input;
        private Tensor _output;
        private SimdLevel _path;

        public static void Run(PooledConv2D layer, in Tensor input, in Tensor output, SimdLevel path, int degreeOfParallelism)
        {
            Work work = t_work ??= new Work();
            work._layer = layer;
            work._input = input;
            work._output = output;
            work._path = path;
            work.Run(output.Height, degreeOfParallelism);
            work._input = work._output = default;
        }

        protected override void ProcessRows(int start, int end)
        {
            int cin = _input.Channels, w = _input.Width, cout = _layer.OutChannels, k = _layer.Kernel;
            int outWidth = _output.Width;
            float* tile = stackalloc float[4 * cout];
            fixed (float* src = _input.Span)
            fixed (float* dst = _output.Span)
            fixed (float* filters = _layer._filters)
            fixed (float* bias = _layer._bias)
            {
                // The GEMM's epilogue: C = act(sum + bias), one row per convolution pixel of the window.
                var merge = new TileMerge(accumulate: false, bias, _layer.Activation, _path);
                for (int py = start; py < end; py++)
                {
                    for (int px = 0; px < outWidth; px++)
                    {
                        // Window pixels (2py, 2px), (2py, 2px+1), (2py+1, 2px), (2py+1, 2px+1): Pooling's order.
                        float* top = src + ((((long)(2 * py) * w) + (2 * px)) * cin);
                        Sums(top, top + cin, top + ((long)w * cin), top + ((long)w * cin) + cin, w * cin, filters, k, cin, cout, tile);
                        merge.Apply(tile, cout, tile, cout, 4, cout);
                        float* pooled = dst + (((long)py * outWidth) + px) * cout;
                        new ReadOnlySpan<float>(tile, cout).CopyTo(new Span<float>(pooled, cout));
                        for (int cell = 1; cell < 4; cell++)
                        {
                            ChannelOps.Max(pooled, tile + (cell * cout), cout, _path);
                        }
                    }
                }
            }
        }

        /// <summary>
        /// The k×k×cin-tap sums of four pixels (window corners p0..p3, input rows <paramref name="rowStride"/> floats
        /// apart) into four tile rows: taps in (ky, kx, c) order, each an FMA onto a register that starts at zero.
        /// </summary>
        private void Sums(float* p0, float* p1, float* p2, float* p3, int rowStride, float* filters, int k, int cin, int cout, float* tile)
        {
            int taps = k * cin;
            if (_path == SimdLevel.Vector512 && cout % 16 == 0)
            {
                for (int o = 0; o < cout; o += 16)
                {
                    Vector512<float> s0 = default, s1 = default, s2 = default, s3 = default;
                    for (int ky = 0; ky < k; ky++)
                    {
                        long row = (long)ky * rowStride;
                        float* f = filters + ((long)ky * taps * cout) + o;
                        for (int t = 0; t < taps; t++, f += cout)
                        {
                            Vector512<float> weights = Vector512.Load(f);
                            s0 = Vector512.FusedMultiplyAdd(Vector512.Create(p0[row + t]), weights, s0);
                            s1 = Vector512.FusedMultiplyAdd(Vector512.Create(p1[row + t]), weights, s1);
                            s2 = Vector512.FusedMultiplyAdd(Vector512.Create(p2[row + t]), weights, s2);
                            s3 = Vector512.FusedMultiplyAdd(Vector512.Create(p3[row + t]), weights, s3);
                        }
                    }

                    s0.Store(tile + o);
                    s1.Store(tile + cout + o);
                    s2.Store(tile + (2 * cout) + o);
                    s3.Store(tile + (3 * cout) + o);
                }

                return;
            }

            // The reference (and other paths): the same taps in the same order, one output at a time.
            for (int cell = 0; cell < 4; cell++)
            {
                float* corner = cell switch { 0 => p0, 1 => p1, 2 => p2, _ => p3 };
                for (int o = 0; o < cout; o++)
                {
                    float sum = 0f;
                    for (int ky = 0; ky < k; ky++)
                    {
                        for (int t = 0; t < taps; t++)
                        {
                            sum = MathF.FusedMultiplyAdd(corner[((long)ky * rowStride) + t], filters[((((long)ky * taps) + t) * cout) + o], sum);
                        }
                    }

                    tile[(cell * cout) + o] = sum;
                }
            }
        }
    }
}
