using Likeness.Inference.Kernels;
using Likeness.Inference.Kernels.Transformer;
using Likeness.Inference.Safetensors;

namespace Likeness.Inference.Transformers;

/// <summary>
/// One pre-LN residual block of a ViT or CLIP text encoder: <c>x += λ1 ⊙ proj(attn(ln1(x)))</c>;
/// <c>x += λ2 ⊙ fc2(act(fc1(ln2(x))))</c> (λ only where the checkpoint has layer scale). Every sequence of the batch
/// goes through each linear layer as one GEMM over all their rows; only attention runs per sequence. Q, K and V are
/// packed as one 3·width GEMM, the MLP activation runs in <c>fc1</c>'s epilogue (on every thread, while the tile is
/// hot), the residual adds are fused into the GEMMs (accumulate), and layer scale is folded
/// into the output rows of <c>proj</c> and <c>fc2</c> at load time (<c>λ ⊙ (aWᵀ + b) = a(λW)ᵀ + λb</c>).
/// </summary>
internal sealed class EncoderBlock
{
    private readonly float[] _ln1Gamma, _ln1Beta, _ln2Gamma, _ln2Beta;
    private readonly PackedMatrix _qkv, _outProj, _fc1, _fc2;
    private readonly float[] _qkvBias, _outBias, _fc1Bias, _fc2Bias;
    private readonly Activation _activation;

    public EncoderBlock(SafetensorsFile file, EncoderBlockNames names, string prefix, int width, int inner, Activation activation)
    {
        _activation = activation;
        _ln1Gamma = file.ReadSingles($"{prefix}{names.Norm1}.weight", width);
        _ln1Beta = file.ReadSingles($"{prefix}{names.Norm1}.bias", width);
        _ln2Gamma = file.ReadSingles($"{prefix}{names.Norm2}.weight", width);
        _ln2Beta = file.ReadSingles($"{prefix}{names.Norm2}.bias", width);

        float[] qkvWeight = new float[3 * width * width];
        _qkvBias = new float[3 * width];
        string[] parts = [names.Query, names.Key, names.Value];
        for (int i = 0; i < parts.Length; i++)
        {
            file.ReadSingles(file.Get($"{prefix}{parts[i]}.weight", width, width), 0, qkvWeight.AsSpan(i * width * width, width * width));
            file.ReadSingles(file.Get($"{prefix}{parts[i]}.bias", width), 0, _qkvBias.AsSpan(i * width, width));
        }

        _qkv = Gemm.Pack(qkvWeight, width, 3 * width, transposed: true);

        float[] outWeight = file.ReadSingles($"{prefix}{names.Output}.weight", width, width);
        _outBias = file.ReadSingles($"{prefix}{names.Output}.bias", width);
        _fc1 = Gemm.Pack(file.ReadSingles($"{prefix}{names.Fc1}.weight", inner, width), width, inner, transposed: true);
        _fc1Bias = file.ReadSingles($"{prefix}{names.Fc1}.bias", inner);
        float[] fc2Weight = file.ReadSingles($"{prefix}{names.Fc2}.weight", width, inner);
        _fc2Bias = file.ReadSingles($"{prefix}{names.Fc2}.bias", width);
        if (names.LayerScale1 is not null && names.LayerScale2 is not null)
        {
            FoldScale(outWeight, _outBias, file.ReadSingles(prefix + names.LayerScale1, width));
            FoldScale(fc2Weight, _fc2Bias, file.ReadSingles(prefix + names.LayerScale2, width));
        }

        _outProj = Gemm.Pack(outWeight, width, width, transposed: true);
        _fc2 = Gemm.Pack(fc2Weight, inner, width, transposed: true);
    }

    /// <summary>
    /// Runs the block in place on <paramref name="x"/> (rows = sequences × tokens). With
    /// <paramref name="firstTokenOnly"/> only each sequence's first row is brought up to date (the others are left
    /// stale): every token is still a key and a value, but only the class token is a query and goes through the
    /// out-projection and the MLP, each row by the same kernels as in a full pass, so it gets the same bits. A ViT's
    /// last block when only the pooled class token is read: DINOv2-S's is a twelfth of the encoder.
    /// </summary>
    public void Forward(
        Span<float> x, EncoderWorkspace work, int sequences, int tokens, int heads, bool causal, float epsilon, int degreeOfParallelism,
        bool firstTokenOnly = false)
    {
        int width = _ln1Gamma.Length;
        int inner = _fc1Bias.Length;
        int rows = sequences * tokens;
        Span<float> normed = work.Normed[..(rows * width)];
        Span<float> qkv = work.Qkv[..(rows * 3 * width)];
        Span<float> attention = work.Attention[..(rows * width)];
        Span<float> hidden = work.Hidden[..(rows * inner)];

        LayerNorm.Apply(x, normed, _ln1Gamma, _ln1Beta, rows, epsilon);
        Gemm.Multiply(normed, width, _qkv, qkv, 3 * width, rows, _qkvBias, degreeOfParallelism: degreeOfParallelism);
        Attention.SelfAttention(qkv, attention, sequences, tokens, firstTokenOnly ? 1 : tokens, width, heads, causal, degreeOfParallelism);

        // The rows that go on: all of them, or each sequence's first, a whole sequence apart in x and attention.
        (int m, int stride) = firstTokenOnly ? (sequences, tokens * width) : (rows, width);
        Gemm.Multiply(attention, stride, _outProj, x, stride, m, _outBias, accumulate: true, degreeOfParallelism: degreeOfParallelism);

        if (firstTokenOnly)
        {
            for (int s = 0; s < sequences; s++)
            {
                LayerNorm.Apply(x.Slice(s * stride, width), normed.Slice(s * width, width), _ln2Gamma, _ln2Beta, 1, epsilon);
            }
        }
        else
        {
            LayerNorm.Apply(x, normed, _ln2Gamma, _ln2Beta, rows, epsilon);
        }

        Gemm.Multiply(normed, width, _fc1, hidden, inner, m, _fc1Bias, _activation, degreeOfParallelism: degreeOfParallelism);
        Gemm.Multiply(hidden, inner, _fc2, x, stride, m, _fc2Bias, accumulate: true, degreeOfParallelism: degreeOfParallelism);
    }

    /// <summary>Scales row o of a PyTorch Linear weight [out × in] and its bias by <c>scale[o]</c>.</summary>
    private static void FoldScale(Span<float> weight, Span<float> bias, ReadOnlySpan<float> scale)
    {
        int columns = weight.Length / bias.Length;
        for (int o = 0; o < bias.Length; o++)
        {
            System.Numerics.Tensors.TensorPrimitives.Multiply(weight.Slice(o * columns, columns), scale[o], weight.Slice(o * columns, columns));
            bias[o] *= scale[o];
        }
    }
}
