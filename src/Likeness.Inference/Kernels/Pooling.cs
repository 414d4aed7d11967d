using Likeness.Imaging;
using Likeness.Inference.Tensors;
using Likeness.Inference.Threading;

namespace Likeness.Inference.Kernels;

/// <summary>
/// Max and average pooling over HWC tensors with TensorFlow padding. Max pooling takes the max over the window's
/// valid cells only (padding never wins); average pooling divides by the number of valid cells.
/// </summary>
public static class Pooling
{
    /// <summary>k×k max pooling.</summary>
    public static Tensor Max(in Tensor input, int kernel, int stride, PaddingMode padding, int degreeOfParallelism = 0) =>
        Pool(input, kernel, stride, padding, isMax: true, degreeOfParallelism, SimdLevels.Best);

    /// <summary>k×k average pooling.</summary>
    public static Tensor Average(in Tensor input, int kernel, int stride, PaddingMode padding, int degreeOfParallelism = 0) =>
        Pool(input, kernel, stride, padding, isMax: false, degreeOfParallelism, SimdLevels.Best);

    /// <summary>k×k max pooling of each item of a <see cref="StackedBatch"/>.</summary>
    internal static Tensor MaxBatch(in Tensor input, int batch, int kernel, int stride, PaddingMode padding, int degreeOfParallelism) =>
        PoolBatch(input, batch, kernel, stride, padding, isMax: true, degreeOfParallelism, SimdLevels.Best);

    /// <summary>k×k average pooling of each item of a <see cref="StackedBatch"/>.</summary>
    internal static Tensor AverageBatch(in Tensor input, int batch, int kernel, int stride, PaddingMode padding, int degreeOfParallelism) =>
        PoolBatch(input, batch, kernel, stride, padding, isMax: false, degreeOfParallelism, SimdLevels.Best);

    internal static Tensor Pool(in Tensor input, int kernel, int stride, PaddingMode padding, bool isMax, int degreeOfParallelism, SimdLevel path) =>
        PoolBatch(input, 1, kernel, stride, padding, isMax, degreeOfParallelism, path);

    /// <summary>Pools each item of a <see cref="StackedBatch"/> of <paramref name="batch"/> items into a newly rented stack.</summary>
    internal static Tensor PoolBatch(in Tensor input, int batch, int kernel, int stride, PaddingMode padding, bool isMax, int degreeOfParallelism, SimdLevel path)
    {
        int itemHeight = StackedBatch.ItemHeight(input, batch);
        WindowGeometry g = WindowGeometry.Create(itemHeight, input.Width, kernel, stride, padding);
        Tensor output = Tensor.Rent(batch * g.OutHeight, g.OutWidth, input.Channels);
        Work.Run(input, itemHeight, output, g, kernel, stride, isMax, path, degreeOfParallelism);
        return output;
    }

    private sealed unsafe class Work : RowWork
    {
        [ThreadStatic]
        private static Work? t_work;

        private Tensor _input;
        private int _itemHeight;
        private Tensor _output;
        private WindowGeometry _g;
        private int _kernel;
        private int _stride;
        private bool _isMax;
        private SimdLevel _path;

        public static void Run(in Tensor input, int itemHeight, in Tensor output, WindowGeometry g, int kernel, int stride, bool isMax, SimdLevel path, int degreeOfParallelism)
        {
            Work work = t_work ??= new Work();
            work._input = input;
            work._itemHeight = itemHeight;
            work._output = output;
            work._g = g;
            work._kernel = kernel;
            work._stride = stride;
            work._isMax = isMax;
            work._path = path;
            work.Run(output.Height, degreeOfParallelism);
            work._input = work._output = default;
        }

        protected override void ProcessRows(int start, int end)
        {
            int c = _input.Channels, h = _itemHeight, w = _input.Width;
            fixed (float* stack = _input.Span)
            fixed (float* dst = _output.Span)
            {
                for (int row = start; row < end; row++)
                {
                    // Windows read only the rows of the output row's item.
                    float* src = StackedBatch.Item(stack, row, _g.OutHeight, h * w * c, out int oy);
                    int y0 = Math.Max(0, (oy * _stride) - _g.PadTop);
                    int y1 = Math.Min(h, (oy * _stride) - _g.PadTop + _kernel);
                    for (int ox = 0; ox < _g.OutWidth; ox++)
                    {
                        int x0 = Math.Max(0, (ox * _stride) - _g.PadLeft);
                        int x1 = Math.Min(w, (ox * _stride) - _g.PadLeft + _kernel);
                        float* acc = dst + (((row * _g.OutWidth) + ox) * c);
                        new ReadOnlySpan<float>(src + (((y0 * w) + x0) * c), c).CopyTo(new Span<float>(acc, c));
                        for (int y = y0; y < y1; y++)
                        {
                            for (int x = y == y0 ? x0 + 1 : x0; x < x1; x++)
                            {
                                float* cell = src + (((y * w) + x) * c);
                                if (_isMax)
                                {
                                    ChannelOps.Max(acc, cell, c, _path);
                                }
                                else
                                {
                                    ChannelOps.Add(acc, cell, c, _path);
                                }
                            }
                        }

                        if (!_isMax)
                        {
                            ChannelOps.Scale(acc, 1f / ((y1 - y0) * (x1 - x0)), c, _path);
                        }
                    }
                }
            }
        }
    }
}
