using Likeness.Inference.Kernels;
using Likeness.Inference.Tensors;
using Likeness.Inference.Tfjs;

namespace Likeness.Inference.Faces;

/// <summary>
/// face-api's FaceLandmark68Net: four dense blocks (112 → 56 → 28 → 14 → 7), a 7×7 average pool and a fully connected
/// layer to 136 values, x0, y0, x1, y1, … relative to the 112×112 input square.
/// </summary>
public sealed class FaceLandmarkNet
{
    /// <summary>Input side.</summary>
    public const int InputSize = 112;

    /// <summary>Per-channel mean subtracted from the 0-255 input.</summary>
    internal static readonly float[] MeanRgb = [122.782f, 117.001f, 104.298f];

    private readonly DenseBlock[] _blocks = new DenseBlock[4];
    private readonly PackedMatrix _fcWeights;
    private readonly float[] _fcBias;

    internal FaceLandmarkNet(TfjsWeights weights)
    {
        int[] channels = [32, 64, 128, 256];
        for (int b = 0; b < 4; b++)
        {
            int cin = b == 0 ? 3 : channels[b - 1];
            int c = channels[b];
            string p = $"dense{b}/";
            Conv2D? plain = b == 0
                ? new Conv2D(weights.Get(p + "conv0/filters", 3, 3, 3, c), weights.Get(p + "conv0/bias", c), 3, 3, c, 2, PaddingMode.Same, Activation.Relu)
                : null;
            var separables = new SeparableConv2D?[4];
            separables[0] = b == 0 ? null : Separable(weights, p + "conv0/", cin, c, 2, Activation.Relu);
            for (int i = 1; i < 4; i++)
            {
                separables[i] = Separable(weights, p + $"conv{i}/", c, c, 1, Activation.None);
            }

            _blocks[b] = new DenseBlock(plain, separables);
        }

        _fcWeights = Gemm.Pack(weights.Get("fc/weights", 256, 136), 256, 136);
        _fcBias = weights.Get("fc/bias", 136);
    }

    /// <summary>Runs the net on a normalised 112×112×3 tensor, writing the 136 raw outputs.</summary>
    public void Forward(in Tensor input, Span<float> output, int degreeOfParallelism = 0)
    {
        if (output.Length != 136)
        {
            throw new ArgumentException("The landmark net writes 136 values.", nameof(output));
        }

        ForwardBatch(input, 1, output, degreeOfParallelism);
    }

    /// <summary>
    /// Runs the net on a <see cref="StackedBatch"/> of <paramref name="batch"/> normalised 112×112×3 faces, writing
    /// 136 values per face back to back; each face's values equal its own <see cref="Forward"/> bit for bit.
    /// </summary>
    internal void ForwardBatch(in Tensor input, int batch, Span<float> output, int degreeOfParallelism)
    {
        if (output.Length != batch * 136)
        {
            throw new ArgumentException($"The landmark net writes 136 values per face ({batch * 136}).", nameof(output));
        }

        Tensor x = _blocks[0].Forward(input, batch, degreeOfParallelism);
        for (int b = 1; b < 4; b++)
        {
            Tensor next = _blocks[b].Forward(x, batch, degreeOfParallelism);
            x.Dispose();
            x = next;
        }

        using (x)
        {
            using Tensor pooled = Pooling.AverageBatch(x, batch, 7, 2, PaddingMode.Valid, degreeOfParallelism);
            Gemm.Multiply(pooled.Span, 256, _fcWeights, output, 136, batch, _fcBias, Activation.None, false, 1);
        }
    }

    /// <summary>Multiply-adds of one forward pass.</summary>
    public long MultiplyAdds()
    {
        long total = 0;
        int s = InputSize;
        foreach (DenseBlock block in _blocks)
        {
            total += block.MultiplyAdds(s);
            s = (s + 1) / 2;
        }

        return total + (256 * 136);
    }

    private static SeparableConv2D Separable(TfjsWeights w, string p, int cin, int cout, int stride, Activation activation) =>
        new(w.Get(p + "depthwise_filter", 3, 3, cin, 1), w.Get(p + "pointwise_filter", 1, 1, cin, cout), w.Get(p + "bias", cout),
            cin, cout, stride, PaddingMode.Same, activation);

    /// <summary>
    /// <c>out1 = relu(conv0(x))</c>, <c>out_{i+1} = sep(relu(out1 + … + out_i))</c>, result <c>relu(out1 + … + out4)</c>;
    /// the running sum is accumulated in place by the pointwise GEMMs.
    /// </summary>
    private sealed class DenseBlock(Conv2D? plain, SeparableConv2D?[] separables)
    {
        public Tensor Forward(in Tensor x, int batch, int dop)
        {
            // out1 (already ReLU'd) is the input of conv1; the depthwise stage copies out of `sum` before the
            // pointwise GEMM adds into it, so reading and accumulating the same tensor is safe.
            Tensor sum = plain?.ForwardBatch(x, batch, dop) ?? separables[0]!.ForwardBatch(x, batch, dop);
            separables[1]!.ForwardBatch(sum, batch, sum, accumulate: true, dop);
            using Tensor relu = Tensor.Rent(sum.Height, sum.Width, sum.Channels);
            for (int i = 2; i < 4; i++)
            {
                Elementwise.Relu(sum, relu);
                separables[i]!.ForwardBatch(relu, batch, sum, accumulate: true, dop);
            }

            Elementwise.Relu(sum, sum);
            return sum;
        }

        public long MultiplyAdds(int size)
        {
            long total = plain?.MultiplyAdds(size, size) ?? separables[0]!.MultiplyAdds(size, size);
            int s = (size + 1) / 2;
            for (int i = 1; i < 4; i++)
            {
                total += separables[i]!.MultiplyAdds(s, s);
            }

            return total;
        }
    }
}
