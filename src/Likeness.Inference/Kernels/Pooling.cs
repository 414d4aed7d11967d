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

    internal static Tensor Pool(in Tensor input, int kernel, int stride, PaddingMode padding, bool isMax, int degreeOfParallelism, SimdLevel path)
    {
        WindowGeometry g = WindowGeometry.Create(input.Height, input.Width, kernel, stride, padding);
        Tensor output = Tensor.Rent(g.OutHeight, g.OutWidth, input.Channels);
        Work.Run(input, output, g, kernel, stride, isMax, path, degreeOfParallelism);
        return output;
    }

    private sealed unsafe class Work : RowWork
    {
        [ThreadStatic]
        private static Work? t_work;

        private Tensor _input;
        private Tensor _output;
        private WindowGeometry _g;
        private int _kernel;
        private int _stride;
        private bool _isMax;
        private SimdLevel _path;

        public static void Run(in Tensor input, in Tensor output, WindowGeometry g, int kernel, int stride, bool isMax, SimdLevel path, int degreeOfParallelism)
        {
            Work work = t_work ??= new Work();
            work._input = input;
            work._output = output;
            work._g = g;
            work._kernel = kernel;
            work._stride = stride;
            work._isMax = isMax;
            work._path = path;
            work.Run(g.OutHeight, degreeOfParallelism);
            work._input = work._output = default;
        }

        protected override void ProcessRows(int start, int end)
        {
            int c = _input.Channels, h = _input.Height, w = _input.Width;
            fixed (float* src = _input.Span)
            fixed (float* dst = _output.Span)
            {
                for (int oy = start; oy < end; oy++)
                {
                    int y0 = Math.Max(0, (oy * _stride) - _g.PadTop);
                    int y1 = Math.Min(h, (oy * _stride) - _g.PadTop + _kernel);
                    for (int ox = 0; ox < _g.OutWidth; ox++)
                    {
                        int x0 = Math.Max(0, (ox * _stride) - _g.PadLeft);
                        int x1 = Math.Min(w, (ox * _stride) - _g.PadLeft + _kernel);
                        float* acc = dst + (((oy * _g.OutWidth) + ox) * c);
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
