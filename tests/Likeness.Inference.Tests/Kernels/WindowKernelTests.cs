using Likeness.Imaging;
using Likeness.Imaging.Resampling;
using Likeness.Inference.Kernels;
using Likeness.Inference.Tensors;

namespace Likeness.Inference.Tests.Kernels;

/// <summary>Convolutions, pooling and the TF bilinear resize against naive double-precision references.</summary>
public class WindowKernelTests
{
    [Theory]
    [InlineData(9, 7, 3, 5, 3, 1, PaddingMode.Valid, -1)]
    [InlineData(10, 10, 4, 8, 3, 2, PaddingMode.Same, -1)]
    [InlineData(11, 9, 2, 3, 7, 2, PaddingMode.Valid, -1)]
    [InlineData(6, 6, 5, 4, 3, 1, PaddingMode.Same, 1)]
    [InlineData(300, 40, 3, 16, 3, 1, PaddingMode.Valid, -1)] // enough rows for the banded im2col path
    [InlineData(5, 5, 7, 9, 1, 1, PaddingMode.Valid, -1)]
    public void Conv2D_matches_naive_convolution(int h, int w, int cin, int cout, int k, int stride, PaddingMode mode, int pad)
    {
        var rng = new Random(h * w + k);
        float[] filters = Random(rng, k * k * cin * cout);
        float[] bias = Random(rng, cout);
        using Tensor input = RandomTensor(rng, h, w, cin);
        var conv = new Conv2D(filters, bias, k, cin, cout, stride, mode, Activation.LeakyRelu, pad);
        using Tensor output = conv.Forward(input, degreeOfParallelism: 2);
        WindowGeometry g = WindowGeometry.Create(h, w, k, stride, mode, pad);
        Assert.Equal((g.OutHeight, g.OutWidth, cout), (output.Height, output.Width, output.Channels));
        for (int oy = 0; oy < g.OutHeight; oy++)
        {
            for (int ox = 0; ox < g.OutWidth; ox++)
            {
                for (int o = 0; o < cout; o++)
                {
                    double sum = bias[o], magnitude = Math.Abs(bias[o]);
                    for (int ky = 0; ky < k; ky++)
                    {
                        for (int kx = 0; kx < k; kx++)
                        {
                            int iy = (oy * stride) - g.PadTop + ky, ix = (ox * stride) - g.PadLeft + kx;
                            if (iy < 0 || iy >= h || ix < 0 || ix >= w)
                            {
                                continue;
                            }

                            for (int c = 0; c < cin; c++)
                            {
                                double term = (double)input.Span[(((iy * w) + ix) * cin) + c] * filters[(((((ky * k) + kx) * cin) + c) * cout) + o];
                                sum += term;
                                magnitude += Math.Abs(term);
                            }
                        }
                    }

                    double expected = sum > 0 ? sum : 0.1 * sum;
                    // Float32 accumulation over k·k·cin terms: (terms + 2) unit roundoffs of the magnitude.
                    double tolerance = (((k * k * cin) + 2) * 6e-8 * magnitude) + 1e-7;
                    Assert.True(Math.Abs(output.Span[(((oy * g.OutWidth) + ox) * cout) + o] - expected) <= tolerance, $"({oy},{ox},{o})");
                }
            }
        }
    }

    [Fact]
    public void Same_padding_puts_the_odd_cell_after()
    {
        // TF: stride 2, 3×3 on an even size pads 0 before, 1 after.
        Assert.Equal(new WindowGeometry(56, 56, 0, 0), WindowGeometry.Create(112, 112, 3, 2, PaddingMode.Same));
        Assert.Equal(new WindowGeometry(13, 13, 0, 0), WindowGeometry.Create(13, 13, 2, 1, PaddingMode.Same));
        Assert.Equal(new WindowGeometry(3, 3, 0, 0), WindowGeometry.Create(8, 8, 3, 2, PaddingMode.Valid));
    }

    public static TheoryData<int> Paths() => GemmTests.Paths();

    [Theory]
    [MemberData(nameof(Paths))]
    public void Depthwise_and_pooling_paths_equal_the_scalar_path(int pathValue)
    {
        var path = (SimdLevel)pathValue;
        var rng = new Random(3);
        foreach ((int c, int stride) in new[] { (16, 1), (32, 2), (7, 1), (20, 2) })
        {
            using Tensor input = RandomTensor(rng, 13, 12, c);
            var depthwise = new DepthwiseConv2D(Random(rng, 9 * c), 3, c, stride, PaddingMode.Same);
            using Tensor reference = depthwise.Forward(input, 1, SimdLevel.Scalar);
            using Tensor actual = depthwise.Forward(input, 2, path);
            // Every path sums the 9 taps in the same order with FMA: identical results.
            Assert.Equal(reference.Span.ToArray(), actual.Span.ToArray());

            foreach (bool isMax in new[] { true, false })
            {
                using Tensor pooledReference = Pooling.Pool(input, 3, 2, PaddingMode.Same, isMax, 1, SimdLevel.Scalar);
                using Tensor pooled = Pooling.Pool(input, 3, 2, PaddingMode.Same, isMax, 2, path);
                Assert.Equal(pooledReference.Span.ToArray(), pooled.Span.ToArray());
            }
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Pooled_convolution_equals_convolution_then_max_pool_bit_for_bit(int pathValue)
    {
        var path = (SimdLevel)pathValue;
        var rng = new Random(5);
        // The detector's first layer (3×3×3 → 16), 32 filters (two AVX-512 registers), 8 (the reference sums on every
        // path) with a 2×2 kernel; enough pooled rows for several threads' chunks.
        foreach ((int h, int w, int cin, int cout, int k) in new[] { (34, 26, 3, 16, 3), (10, 12, 2, 32, 3), (5, 7, 4, 8, 2) })
        {
            float[] filters = Random(rng, k * k * cin * cout);
            float[] bias = Random(rng, cout);
            using Tensor input = RandomTensor(rng, h, w, cin);
            var fused = new PooledConv2D(filters, bias, k, cin, cout, Activation.LeakyRelu);
            using Tensor conv = new Conv2D(filters, bias, k, cin, cout, 1, PaddingMode.Valid, Activation.LeakyRelu).Forward(input, 1);
            using Tensor expected = Pooling.Pool(conv, 2, 2, PaddingMode.Same, isMax: true, 1, path);
            using Tensor actual = fused.Forward(input, 2, path);
            Assert.Equal((expected.Height, expected.Width, expected.Channels), (actual.Height, actual.Width, actual.Channels));
            Assert.Equal(expected.Span.ToArray(), actual.Span.ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Pooled_separable_block_equals_the_block_then_max_pool_bit_for_bit(int pathValue)
    {
        var path = (SimdLevel)pathValue;
        var rng = new Random(7);
        // The detector's blocks (3×3 depthwise, explicit pad 1, leaky ReLU) on odd and even maps: one-row bands, and
        // (70 rows) bands of several pooled rows whose last one ends on a half window.
        foreach ((int h, int w, int c) in new[] { (13, 12, 16), (9, 9, 7), (16, 7, 32), (70, 21, 8) })
        {
            var layer = new SeparableConv2D(
                Random(rng, 9 * c), Random(rng, c * 2 * c), Random(rng, 2 * c), c, 2 * c, 1, PaddingMode.Same, Activation.LeakyRelu, explicitPad: 1);
            using Tensor input = RandomTensor(rng, h, w, c);
            using Tensor depthwise = layer.Depthwise.Forward(input, 1, path);
            using Tensor block = layer.Pointwise.Forward(depthwise, 1);
            using Tensor expected = Pooling.Pool(block, 2, 2, PaddingMode.Same, isMax: true, 1, path);
            foreach (int threads in new[] { 1, 2 })
            {
                using Tensor actual = PooledSeparableConv2D.Forward(layer, input, threads, path);
                Assert.Equal((expected.Height, expected.Width, expected.Channels), (actual.Height, actual.Width, actual.Channels));
                Assert.Equal(expected.Span.ToArray(), actual.Span.ToArray());
            }
        }
    }

    [Fact]
    public void Pooled_convolution_declines_odd_outputs_and_paths_without_avx512()
    {
        var fused = new PooledConv2D(new float[3 * 3 * 3 * 16], new float[16], 3, 3, 16, Activation.LeakyRelu);
        Assert.True(fused.Supports(416, 416, SimdLevel.Vector512));
        Assert.False(fused.Supports(417, 416, SimdLevel.Vector512));
        Assert.False(fused.Supports(416, 416, SimdLevel.Vector256));
        Assert.False(fused.Supports(2, 2, SimdLevel.Vector512));
        Assert.False(new PooledConv2D(new float[3 * 3 * 3 * 8], new float[8], 3, 3, 8, Activation.LeakyRelu).Supports(416, 416, SimdLevel.Vector512));
        using Tensor odd = Tensor.Rent(7, 8, 3);
        Assert.Throws<ArgumentException>(() => fused.Forward(odd, 1, SimdLevel.Scalar));
    }

    [Fact]
    public void Max_pool_ignores_padding_and_average_pool_divides_by_valid_cells()
    {
        using Tensor input = Tensor.Rent(3, 3, 1);
        float[] values = [-1, -2, -3, -4, -5, -6, -7, -8, -9];
        values.CopyTo(input.Span);
        using Tensor max = Pooling.Max(input, 2, 2, PaddingMode.Same);
        Assert.Equal([-1f, -3f, -7f, -9f], max.Span.ToArray());
        using Tensor avg = Pooling.Average(input, 2, 1, PaddingMode.Valid);
        Assert.Equal([-3f, -4f, -6f, -7f], avg.Span.ToArray());
    }

    [Fact]
    public void TF_bilinear_point_samples_at_r_out_over_in_without_half_pixel_centres()
    {
        // 1×4 → 1×3: src x = 0, 4/3, 8/3; values 0,10,20,30 → 0, 13.33.., 26.66..
        float[] source = [0, 10, 20, 30];
        float[] destination = new float[3];
        TfBilinear.Resize(source, 1, 4, 1, destination, 1, 3);
        Assert.Equal(0f, destination[0]);
        Assert.Equal(40f / 3, destination[1], 1e-4f);
        Assert.Equal(80f / 3, destination[2], 1e-4f);

        // Upscale 2→4 clamps the second neighbour at the edge: src 0, .5, 1, 1.5 → 0, 5, 10, 10.
        float[] up = new float[4];
        TfBilinear.Resize([0f, 10f], 1, 2, 1, up, 1, 4);
        Assert.Equal([0f, 5f, 10f, 10f], up);
    }

    internal static Tensor RandomTensor(Random rng, int h, int w, int c)
    {
        Tensor t = Tensor.Rent(h, w, c);
        Random(rng, t.Length).CopyTo(t.Span);
        return t;
    }

    internal static float[] Random(Random rng, int length) =>
        Enumerable.Range(0, length).Select(_ => (float)((rng.NextDouble() * 2) - 1)).ToArray();
}
