using Likeness.Imaging;
using Likeness.Inference.Kernels;
using Likeness.Inference.Tensors;

namespace Likeness.Inference.Tests.Kernels;

/// <summary>
/// The window kernels on a <see cref="StackedBatch"/>: every item's output equals that item run alone, bit for bit
/// (each output row is computed on its own, whatever rows share its GEMM), on 1 and 2 threads and every SIMD path.
/// </summary>
public class StackedBatchTests
{
    public static TheoryData<int> Paths() => GemmTests.Paths();

    public static TheoryData<int, int> BatchesAndThreads()
    {
        var data = new TheoryData<int, int>();
        foreach (int batch in new[] { 1, 2, 3 })
        {
            foreach (int threads in new[] { 1, 2 })
            {
                data.Add(batch, threads);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BatchesAndThreads))]
    public void Convolution_of_a_stack_equals_each_item_alone(int batch, int threads)
    {
        var rng = new Random(11 + batch);
        // (h, w, cin, cout, k, stride, padding, explicit pad): the descriptor's 7×7/2 stem and 3×3 'same' units,
        // a map tall enough for the banded path, a pointwise layer, and filters too large to band (3×3×256→256 on 4×4).
        foreach ((int h, int w, int cin, int cout, int k, int stride, PaddingMode mode, int pad) in new[]
        {
            (23, 21, 3, 32, 7, 2, PaddingMode.Valid, -1),
            (9, 9, 8, 16, 3, 1, PaddingMode.Same, -1),
            (10, 11, 6, 8, 3, 2, PaddingMode.Valid, -1),
            (120, 40, 3, 16, 3, 1, PaddingMode.Valid, -1),
            (7, 5, 12, 20, 1, 1, PaddingMode.Valid, -1),
            (6, 6, 5, 4, 3, 1, PaddingMode.Same, 1),
            (4, 4, 256, 256, 3, 1, PaddingMode.Same, -1),
        })
        {
            var conv = new Conv2D(WindowKernelTests.Random(rng, k * k * cin * cout), WindowKernelTests.Random(rng, cout), k, cin, cout, stride, mode, Activation.Relu, pad);
            Tensor[] items = [.. Enumerable.Range(0, batch).Select(_ => WindowKernelTests.RandomTensor(rng, h, w, cin))];
            using Tensor stack = StackedBatch.Stack(items);
            foreach (bool accumulate in new[] { false, true })
            {
                WindowGeometry g = conv.Geometry(h, w);
                float[] start = WindowKernelTests.Random(rng, batch * g.OutHeight * g.OutWidth * cout);
                using Tensor batched = Tensor.Rent(batch * g.OutHeight, g.OutWidth, cout);
                start.CopyTo(batched.Span);
                conv.ForwardBatch(stack, batch, batched, accumulate, Activation.Relu, threads);
                for (int b = 0; b < batch; b++)
                {
                    using Tensor alone = Tensor.Rent(g.OutHeight, g.OutWidth, cout);
                    start.AsSpan(b * alone.Length, alone.Length).CopyTo(alone.Span);
                    conv.Forward(items[b], alone, accumulate, threads);
                    Assert.Equal(alone.Span.ToArray(), batched.Span.Slice(b * alone.Length, alone.Length).ToArray());
                }
            }

            using Tensor rented = conv.ForwardBatch(stack, batch, threads);
            using Tensor first = conv.Forward(items[0], threads);
            Assert.Equal((batch * first.Height, first.Width, first.Channels), (rented.Height, rented.Width, rented.Channels));
            Assert.Equal(first.Span.ToArray(), rented.Span[..first.Length].ToArray());
            Array.ForEach(items, t => t.Dispose());
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Depthwise_and_pooling_of_a_stack_equal_each_item_alone(int pathValue)
    {
        var path = (SimdLevel)pathValue;
        var rng = new Random(17);
        foreach ((int h, int w, int c, int stride) in new[] { (13, 12, 16, 1), (8, 9, 32, 2), (7, 7, 7, 1), (12, 5, 20, 2) })
        {
            foreach ((int batch, int threads) in new[] { (1, 2), (3, 1), (3, 2) })
            {
                Tensor[] items = [.. Enumerable.Range(0, batch).Select(_ => WindowKernelTests.RandomTensor(rng, h, w, c))];
                using Tensor stack = StackedBatch.Stack(items);
                var depthwise = new DepthwiseConv2D(WindowKernelTests.Random(rng, 9 * c), 3, c, stride, PaddingMode.Same);
                using Tensor convolved = depthwise.ForwardBatch(stack, batch, threads, path);
                AssertItemsEqual(items, convolved, item => depthwise.Forward(item, 1, path));
                foreach (bool isMax in new[] { true, false })
                {
                    // 3×3/2 'same' (padding inside every item) and a window as large as an item (the nets' global mean).
                    using Tensor pooled = Pooling.PoolBatch(stack, batch, 3, 2, PaddingMode.Same, isMax, threads, path);
                    AssertItemsEqual(items, pooled, item => Pooling.Pool(item, 3, 2, PaddingMode.Same, isMax, 1, path));
                    int side = Math.Min(h, w);
                    using Tensor whole = Pooling.PoolBatch(stack, batch, side, 1, PaddingMode.Valid, isMax, threads, path);
                    AssertItemsEqual(items, whole, item => Pooling.Pool(item, side, 1, PaddingMode.Valid, isMax, 1, path));
                }

                Array.ForEach(items, t => t.Dispose());
            }
        }
    }

    [Fact]
    public void A_stack_must_split_into_equal_items()
    {
        using Tensor seven = Tensor.Rent(7, 4, 2);
        Assert.Equal(7, StackedBatch.ItemHeight(seven, 1));
        Assert.Throws<ArgumentException>(() => StackedBatch.ItemHeight(seven, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => StackedBatch.ItemHeight(seven, 0));
        using Tensor other = Tensor.Rent(7, 5, 2);
        Assert.Throws<ArgumentException>(() => StackedBatch.Stack([seven, other]));
        Assert.Throws<ArgumentException>(() => StackedBatch.Stack([]));
        var conv = new Conv2D(new float[3 * 3 * 2 * 4], null, 3, 2, 4, 1, PaddingMode.Same, Activation.None);
        Assert.Throws<ArgumentException>(() => conv.ForwardBatch(seven, 2, 1));
    }

    private static void AssertItemsEqual(Tensor[] items, in Tensor batched, Func<Tensor, Tensor> alone)
    {
        int itemLength = batched.Length / items.Length;
        for (int b = 0; b < items.Length; b++)
        {
            using Tensor expected = alone(items[b]);
            Assert.Equal(itemLength, expected.Length);
            Assert.Equal(expected.Span.ToArray(), batched.Span.Slice(b * itemLength, itemLength).ToArray());
        }
    }
}
