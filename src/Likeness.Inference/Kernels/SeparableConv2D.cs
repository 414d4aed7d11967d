using Likeness.Imaging;
using Likeness.Inference.Tensors;

namespace Likeness.Inference.Kernels;

/// <summary>TensorFlow's <c>separableConv2d</c> + bias: depthwise k×k (stride, padding), then a 1×1 pointwise convolution with bias and activation.</summary>
public sealed class SeparableConv2D
{
    /// <summary>Creates the layer.</summary>
    /// <param name="depthwise">[3, 3, inChannels, 1] filters.</param>
    /// <param name="pointwise">[1, 1, inChannels, outChannels] filters.</param>
    /// <param name="bias">outChannels values.</param>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="outChannels">Output channels.</param>
    /// <param name="stride">Depthwise stride.</param>
    /// <param name="padding">Depthwise padding mode (ignored when <paramref name="explicitPad"/> ≥ 0).</param>
    /// <param name="activation">Applied after the bias.</param>
    /// <param name="explicitPad">Zero cells on every side, or -1.</param>
    public SeparableConv2D(
        float[] depthwise, float[] pointwise, float[] bias, int inChannels, int outChannels, int stride,
        PaddingMode padding, Activation activation, int explicitPad = -1)
    {
        Depthwise = new DepthwiseConv2D(depthwise, 3, inChannels, stride, padding, explicitPad);
        Pointwise = new Conv2D(pointwise, bias, 1, inChannels, outChannels, 1, PaddingMode.Valid, activation);
    }

    /// <summary>The depthwise stage.</summary>
    public DepthwiseConv2D Depthwise { get; }

    /// <summary>The pointwise stage (with the bias and activation).</summary>
    public Conv2D Pointwise { get; }

    /// <summary>Multiply-adds for an input of the given size.</summary>
    public long MultiplyAdds(int height, int width)
    {
        WindowGeometry g = Depthwise.Geometry(height, width);
        return Depthwise.MultiplyAdds(height, width) + Pointwise.MultiplyAdds(g.OutHeight, g.OutWidth);
    }

    /// <summary>Runs both stages into a newly rented tensor.</summary>
    public Tensor Forward(in Tensor input, int degreeOfParallelism = 0) => ForwardBatch(input, 1, degreeOfParallelism);

    /// <summary>Runs both stages, writing (or with <paramref name="accumulate"/>, adding) into <paramref name="output"/>.</summary>
    public void Forward(in Tensor input, in Tensor output, bool accumulate, int degreeOfParallelism = 0) =>
        ForwardBatch(input, 1, output, accumulate, degreeOfParallelism);

    /// <summary>Runs both stages on a <see cref="StackedBatch"/> of <paramref name="batch"/> items into a newly rented stack.</summary>
    internal Tensor ForwardBatch(in Tensor input, int batch, int degreeOfParallelism)
    {
        using Tensor depthwise = Depthwise.ForwardBatch(input, batch, degreeOfParallelism, SimdLevels.Best);
        return Pointwise.ForwardBatch(depthwise, batch, degreeOfParallelism);
    }

    /// <summary>Runs both stages on a <see cref="StackedBatch"/>, writing (or adding) into the stack <paramref name="output"/>.</summary>
    internal void ForwardBatch(in Tensor input, int batch, in Tensor output, bool accumulate, int degreeOfParallelism)
    {
        using Tensor depthwise = Depthwise.ForwardBatch(input, batch, degreeOfParallelism, SimdLevels.Best);
        Pointwise.ForwardBatch(depthwise, batch, output, accumulate, Pointwise.Activation, degreeOfParallelism);
    }
}
