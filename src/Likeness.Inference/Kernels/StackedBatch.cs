using Likeness.Inference.Tensors;

namespace Likeness.Inference.Kernels;

/// <summary>
/// A batch of equal-size feature maps as one tensor, the items stacked along the height: item b holds rows
/// [b·h, (b+1)·h). Per-pixel work (GEMM rows, pointwise convolutions, element-wise ops) needs nothing more, and the
/// window kernels (convolution, depthwise, pooling) map each output row to its item so that no window crosses two
/// items. Each item's values equal a batch-1 pass bit for bit: every output row is computed on its own.
/// </summary>
internal static class StackedBatch
{
    /// <summary>Rows of one item of <paramref name="tensor"/>, a stack of <paramref name="batch"/> items.</summary>
    public static int ItemHeight(in Tensor tensor, int batch)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batch);
        if (tensor.Height % batch != 0)
        {
            throw new ArgumentException($"{tensor.Height} rows do not split into {batch} equal items.", nameof(tensor));
        }

        return tensor.Height / batch;
    }

    /// <summary>
    /// The item that stacked output row <paramref name="row"/> belongs to (<paramref name="outHeight"/> output rows an
    /// item): its first input value, <paramref name="itemFloats"/> apart from the next item's, and the row within it.
    /// </summary>
    public static unsafe float* Item(float* stack, int row, int outHeight, int itemFloats, out int itemRow)
    {
        int item = row / outHeight;
        itemRow = row - (item * outHeight);
        return stack + ((long)item * itemFloats);
    }

    /// <summary>The items, all of one size, stacked into a newly rented tensor (the items are left as they were).</summary>
    public static Tensor Stack(ReadOnlySpan<Tensor> items)
    {
        if (items.IsEmpty)
        {
            throw new ArgumentException("A batch needs at least one item.", nameof(items));
        }

        Tensor first = items[0];
        Tensor stack = Tensor.Rent(items.Length * first.Height, first.Width, first.Channels);
        for (int b = 0; b < items.Length; b++)
        {
            if (items[b].Height != first.Height || items[b].Width != first.Width || items[b].Channels != first.Channels)
            {
                stack.Dispose();
                throw new ArgumentException("The items of a batch must be of one size.", nameof(items));
            }

            items[b].Span.CopyTo(stack.Span.Slice(b * first.Length));
        }

        return stack;
    }
}
