using Likeness.Imaging;
using Likeness.Inference.Kernels;
using Likeness.Inference.Tensors;
using Likeness.Inference.Tfjs;

namespace Likeness.Inference.Faces;

/// <summary>
/// face-api's TinyFaceDetector (tiny-YOLOv2 with separable convolutions): 3×3 'valid' conv, then five separable
/// blocks with leaky ReLU and 2×2 max pooling (the last with stride 1), then a 1×1 conv to 5 anchors × 5 values per
/// cell of an (inputSize/32)² grid. The first layer and its pool run fused (<see cref="PooledConv2D"/>), and so do
/// the four stride-2 blocks and theirs (<see cref="PooledSeparableConv2D"/>).
/// </summary>
public sealed class TinyFaceDetectorNet
{
    /// <summary>Per-channel mean subtracted from the 0-255 input.</summary>
    internal static readonly float[] MeanRgb = [117.001f, 114.697f, 97.404f];

    private readonly Conv2D _conv0;
    private readonly PooledConv2D _conv0Pooled;
    private readonly SeparableConv2D[] _blocks;
    private readonly Conv2D _conv8;

    internal TinyFaceDetectorNet(TfjsWeights weights)
    {
        float[] conv0Filters = weights.Get("conv0/filters", 3, 3, 3, 16), conv0Bias = weights.Get("conv0/bias", 16);
        _conv0 = new Conv2D(conv0Filters, conv0Bias, 3, 3, 16, 1, PaddingMode.Valid, Activation.LeakyRelu);
        _conv0Pooled = new PooledConv2D(conv0Filters, conv0Bias, 3, 3, 16, Activation.LeakyRelu);
        _blocks = new SeparableConv2D[5];
        for (int i = 0; i < 5; i++)
        {
            int c = 16 << i;
            string p = $"conv{i + 1}/";
            _blocks[i] = new SeparableConv2D(
                weights.Get(p + "depthwise_filter", 3, 3, c, 1), weights.Get(p + "pointwise_filter", 1, 1, c, 2 * c),
                weights.Get(p + "bias", 2 * c), c, 2 * c, 1, PaddingMode.Same, Activation.LeakyRelu, explicitPad: 1);
        }

        _conv8 = new Conv2D(weights.Get("conv8/filters", 1, 1, 512, 25), weights.Get("conv8/bias", 25), 1, 512, 25, 1, PaddingMode.Valid, Activation.None);
    }

    /// <summary>Values per grid cell: 5 anchors × (tx, ty, tw, th, objectness).</summary>
    public const int CellValues = 25;

    /// <summary>Runs the net on a normalised inputSize×inputSize×3 tensor; returns the raw grid [size/32, size/32, 25].</summary>
    public Tensor Forward(in Tensor input, int degreeOfParallelism = 0)
    {
        Tensor x;
        if (_conv0Pooled.Supports(input.Height, input.Width, SimdLevels.Best))
        {
            // conv0 and its pool in one pass (the same values, without the full-size map).
            x = _conv0Pooled.Forward(input, degreeOfParallelism);
        }
        else
        {
            using Tensor conv0 = _conv0.Forward(input, degreeOfParallelism);
            x = Pooling.Max(conv0, 2, 2, PaddingMode.Same, degreeOfParallelism);
        }

        for (int i = 0; i < _blocks.Length; i++)
        {
            Tensor next = i < 4
                ? PooledSeparableConv2D.Forward(_blocks[i], x, degreeOfParallelism, SimdLevels.Best)
                : BlockThenPool(_blocks[i], x, degreeOfParallelism);
            x.Dispose();
            x = next;
        }

        using (x)
        {
            return _conv8.Forward(x, degreeOfParallelism);
        }
    }

    /// <summary>The last block, whose pool has stride 1 (bands of it would recompute a row each).</summary>
    private static Tensor BlockThenPool(SeparableConv2D block, in Tensor x, int degreeOfParallelism)
    {
        using Tensor y = block.Forward(x, degreeOfParallelism);
        return Pooling.Max(y, 2, 1, PaddingMode.Same, degreeOfParallelism);
    }

    /// <summary>Multiply-adds of one forward pass at <paramref name="inputSize"/>.</summary>
    public long MultiplyAdds(int inputSize)
    {
        long total = _conv0.MultiplyAdds(inputSize, inputSize);
        int s = (inputSize - 1) / 2;
        for (int i = 0; i < _blocks.Length; i++)
        {
            total += _blocks[i].MultiplyAdds(s, s);
            s = i < 4 ? (s + 1) / 2 : s;
        }

        return total + _conv8.MultiplyAdds(s, s);
    }
}
