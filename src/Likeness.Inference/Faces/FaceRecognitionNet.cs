using Likeness.Inference.Kernels;
using Likeness.Inference.Tensors;
using Likeness.Inference.Tfjs;

namespace Likeness.Inference.Faces;

/// <summary>
/// face-api's FaceRecognitionNet, dlib's ResNet-29 metric net: a 7×7/2 conv and 3×3/2 max pool, residual stages at
/// 32, 64, 128 and 256 channels (down-sampling units add an average-pooled, zero-channel-padded shortcut), a global
/// mean and a 256→128 projection. Each conv unit is <c>(conv + bias)·scale + shift</c>; the affine scale is folded
/// into the filters and bias at load time.
/// </summary>
public sealed class FaceRecognitionNet
{
    /// <summary>Input side.</summary>
    public const int InputSize = 150;

    /// <summary>Descriptor length.</summary>
    public const int DescriptorLength = 128;

    /// <summary>Per-channel mean subtracted from the 0-255 input.</summary>
    internal static readonly float[] MeanRgb = [122.782f, 117.001f, 104.298f];

    private readonly Conv2D _stem;
    private readonly Residual[] _stages;
    private readonly PackedMatrix _fc;

    internal FaceRecognitionNet(TfjsWeights weights)
    {
        _stem = Unit(weights, "conv32_down", 7, 3, 32, 2, PaddingMode.Valid, Activation.Relu);
        var stages = new List<Residual>();
        foreach ((string name, int cin, int cout, bool down) in new (string, int, int, bool)[]
        {
            ("conv32_1", 32, 32, false), ("conv32_2", 32, 32, false), ("conv32_3", 32, 32, false),
            ("conv64_down", 32, 64, true), ("conv64_1", 64, 64, false), ("conv64_2", 64, 64, false), ("conv64_3", 64, 64, false),
            ("conv128_down", 64, 128, true), ("conv128_1", 128, 128, false), ("conv128_2", 128, 128, false),
            ("conv256_down", 128, 256, true), ("conv256_1", 256, 256, false), ("conv256_2", 256, 256, false),
            ("conv256_down_out", 256, 256, true),
        })
        {
            Conv2D conv1 = down
                ? Unit(weights, name + "/conv1", 3, cin, cout, 2, PaddingMode.Valid, Activation.Relu)
                : Unit(weights, name + "/conv1", 3, cin, cout, 1, PaddingMode.Same, Activation.Relu);
            Conv2D conv2 = Unit(weights, name + "/conv2", 3, cout, cout, 1, PaddingMode.Same, Activation.Relu);
            stages.Add(new Residual(conv1, conv2, down));
        }

        _stages = [.. stages];
        _fc = Gemm.Pack(weights.Get("fc", 256, DescriptorLength), 256, DescriptorLength);
    }

    /// <summary>Runs the net on a normalised 150×150×3 tensor, writing the 128-D descriptor (not L2-normalised).</summary>
    public void Forward(in Tensor input, Span<float> descriptor, int degreeOfParallelism = 0)
    {
        if (descriptor.Length != DescriptorLength)
        {
            throw new ArgumentException($"The descriptor has {DescriptorLength} values.", nameof(descriptor));
        }

        ForwardBatch(input, 1, descriptor, degreeOfParallelism);
    }

    /// <summary>
    /// Runs the net on a <see cref="StackedBatch"/> of <paramref name="batch"/> normalised 150×150×3 faces, writing
    /// <paramref name="batch"/> descriptors back to back; each equals its face's <see cref="Forward"/> bit for bit.
    /// </summary>
    internal void ForwardBatch(in Tensor input, int batch, Span<float> descriptors, int degreeOfParallelism)
    {
        if (descriptors.Length != batch * DescriptorLength)
        {
            throw new ArgumentException($"{batch} descriptors have {batch * DescriptorLength} values.", nameof(descriptors));
        }

        Tensor x;
        using (Tensor stem = _stem.ForwardBatch(input, batch, degreeOfParallelism))
        {
            x = Pooling.MaxBatch(stem, batch, 3, 2, PaddingMode.Valid, degreeOfParallelism);
        }

        foreach (Residual stage in _stages)
        {
            x = stage.Forward(x, batch, degreeOfParallelism);
        }

        using (x)
        {
            // The global mean: one window over each face's whole (square) map.
            int side = x.Height / batch;
            using Tensor mean = Pooling.AverageBatch(x, batch, side, 1, PaddingMode.Valid, 1);
            Gemm.Multiply(mean.Span, 256, _fc, descriptors, DescriptorLength, batch, degreeOfParallelism: 1);
        }
    }

    /// <summary>Multiply-adds of one forward pass.</summary>
    public long MultiplyAdds()
    {
        long total = _stem.MultiplyAdds(InputSize, InputSize);
        int s = 35;
        foreach (Residual stage in _stages)
        {
            (long macs, s) = stage.MultiplyAdds(s);
            total += macs;
        }

        return total + (256 * DescriptorLength);
    }

    private static Conv2D Unit(TfjsWeights w, string p, int k, int cin, int cout, int stride, PaddingMode padding, Activation activation)
    {
        float[] filters = (float[])w.Get(p + "/conv/filters", k, k, cin, cout).Clone();
        float[] bias = (float[])w.Get(p + "/conv/bias", cout).Clone();
        float[] scale = w.Get(p + "/scale/weights", cout);
        float[] shift = w.Get(p + "/scale/biases", cout);
        for (int i = 0; i < filters.Length; i++)
        {
            filters[i] *= scale[i % cout];
        }

        for (int o = 0; o < cout; o++)
        {
            bias[o] = (bias[o] * scale[o]) + shift[o];
        }

        return new Conv2D(filters, bias, k, cin, cout, stride, padding, activation);
    }

    /// <summary>
    /// <c>relu(unit2(relu(unit1(x))) + shortcut)</c>; the shortcut is x, or for a down unit avgPool2×2(x) with zero
    /// channels appended, and unit2's output zero-padded at the bottom/right when it is smaller than the pool.
    /// </summary>
    private sealed class Residual(Conv2D conv1, Conv2D conv2, bool down)
    {
        /// <summary>Takes <paramref name="x"/> over: returns it with the sum accumulated in place, or a new tensor (x disposed).</summary>
        public Tensor Forward(Tensor x, int batch, int dop)
        {
            using Tensor a = conv1.ForwardBatch(x, batch, dop);
            if (!down)
            {
                // conv1 has read x, so the shortcut sum accumulates into x itself instead of a copy.
                conv2.ForwardBatch(a, batch, x, accumulate: true, conv2.Activation, dop);
                return x;
            }

            using (x)
            {
                return Down(x, a, batch, dop);
            }
        }

        private Tensor Down(in Tensor x, in Tensor a, int batch, int dop)
        {
            using Tensor pooled = Pooling.AverageBatch(x, batch, 2, 2, PaddingMode.Valid, dop);
            Tensor result = Tensor.Zeros(pooled.Height, pooled.Width, conv2.OutChannels);
            Span<float> dst = result.Span;
            ReadOnlySpan<float> src = pooled.Span;
            for (int p = 0; p < pooled.Height * pooled.Width; p++)
            {
                src.Slice(p * pooled.Channels, pooled.Channels).CopyTo(dst.Slice(p * result.Channels));
            }

            int pooledRows = pooled.Height / batch, rows = a.Height / batch;
            if (rows == pooledRows && a.Width == pooled.Width)
            {
                conv2.ForwardBatch(a, batch, result, accumulate: true, conv2.Activation, dop);
                return result;
            }

            using Tensor b = Tensor.Rent(a.Height, a.Width, conv2.OutChannels);
            conv2.ForwardBatch(a, batch, b, accumulate: false, Activation.None, dop);
            int rowLength = b.Width * b.Channels;
            for (int item = 0; item < batch; item++)
            {
                for (int y = 0; y < rows; y++)
                {
                    Span<float> target = result.Row((item * pooledRows) + y)[..rowLength];
                    System.Numerics.Tensors.TensorPrimitives.Add(target, b.Row((item * rows) + y), target);
                }
            }

            Elementwise.Relu(result, result);
            return result;
        }

        public (long MultiplyAdds, int OutSize) MultiplyAdds(int size)
        {
            long total = conv1.MultiplyAdds(size, size);
            int inner = conv1.Geometry(size, size).OutHeight;
            total += conv2.MultiplyAdds(inner, inner);
            return (total, down ? size / 2 : size);
        }
    }
}
