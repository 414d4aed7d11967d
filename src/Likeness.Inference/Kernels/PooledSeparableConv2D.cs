using Likeness.Imaging;
using Likeness.Inference.Tensors;
using Likeness.Inference.Threading;

namespace Likeness.Inference.Kernels;

/// <summary>
/// A <see cref="SeparableConv2D"/> followed by 2×2 stride-2 'same' max pooling (the tiny face detector's first four
/// blocks), in bands of pooled rows: each task runs the depthwise stage, the pointwise GEMM and the pool for the
/// convolution rows under its band in scratch of its own, so the full-size maps (at 416 the first block's is
/// 207×207×32, 5.5 MB) never travel through memory, and the threads meet once per block instead of once per stage.
/// The stages are the layers' own code on row ranges (a band starts on an even row, so its pooling windows are the
/// whole map's), and the output equals the layer then <see cref="Pooling.Max"/> bit for bit.
/// </summary>
internal sealed class PooledSeparableConv2D : IParallelWork
{
    /// <summary>Pointwise-output floats per band (128 KB), so a band's map is still in L2 when it is pooled.</summary>
    private const int BandFloats = 32 * 1024;

    [ThreadStatic]
    private static PooledSeparableConv2D? t_work;

    private SeparableConv2D _layer = null!;
    private Tensor _input;
    private Tensor _output;
    private WindowGeometry _g;
    private int _bandRows;
    private SimdLevel _path;

    /// <summary>The layer on <paramref name="input"/>, then 2×2 stride-2 'same' max pooling, into a newly rented tensor.</summary>
    public static Tensor Forward(SeparableConv2D layer, in Tensor input, int degreeOfParallelism, SimdLevel path)
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (input.Channels != layer.Depthwise.Channels)
        {
            throw new ArgumentException($"Expected {layer.Depthwise.Channels} channels, got {input.Channels}.", nameof(input));
        }

        WindowGeometry g = layer.Depthwise.Geometry(input.Height, input.Width);
        int channels = layer.Pointwise.OutChannels;
        Tensor output = Tensor.Rent((g.OutHeight + 1) / 2, (g.OutWidth + 1) / 2, channels);

        // Bands of whole pooled rows within the scratch budget, and at least 8 per thread so uneven bands even out.
        int threads = WorkerPool.ResolveDegree(degreeOfParallelism);
        int bandRows = Math.Max(1, Math.Min(BandFloats / (2 * g.OutWidth * channels), output.Height / (8 * threads)));
        PooledSeparableConv2D work = t_work ??= new PooledSeparableConv2D();
        work._layer = layer;
        work._input = input;
        work._output = output;
        work._g = g;
        work._bandRows = bandRows;
        work._path = path;
        WorkerPool.Shared.Run(work, (output.Height + bandRows - 1) / bandRows, degreeOfParallelism);
        work._input = work._output = default;
        return output;
    }

    public void Execute(int index)
    {
        int p0 = index * _bandRows;
        int p1 = Math.Min(_output.Height, p0 + _bandRows);
        int r0 = 2 * p0;
        int r1 = Math.Min(_g.OutHeight, 2 * p1);
        using Tensor depthwise = Tensor.Rent(r1 - r0, _g.OutWidth, _layer.Depthwise.Channels);
        _layer.Depthwise.ForwardRows(_input, r0, r1, depthwise, _path);
        using Tensor pointwise = Tensor.Rent(r1 - r0, _g.OutWidth, _layer.Pointwise.OutChannels);
        _layer.Pointwise.ForwardBatch(depthwise, 1, pointwise, accumulate: false, _layer.Pointwise.Activation, degreeOfParallelism: 1);

        // The band's rows pool on their own: 'same' padding for a 2×2 window only ever adds a row or column after.
        using Tensor pooled = Pooling.Pool(pointwise, 2, 2, PaddingMode.Same, isMax: true, degreeOfParallelism: 1, _path);
        pooled.Span.CopyTo(_output.Span.Slice(p0 * _output.Width * _output.Channels, pooled.Length));
    }
}
