using Likeness.Inference.Kernels;
using Likeness.Inference.Kernels.Transformer;
using Likeness.Inference.Safetensors;

namespace Likeness.Inference.Clip;

/// <summary>
/// One pre-LN residual block (HF <c>CLIPEncoderLayer</c>, openai <c>ResidualAttentionBlock</c>):
/// <c>x += out_proj(attn(ln1(x)))</c>; <c>x += fc2(quick_gelu(fc1(ln2(x))))</c>. Q, K and V are packed as one
/// 3·width GEMM; the residual adds are fused into the GEMMs (accumulate).
/// </summary>
internal sealed class ClipEncoderLayer
{
    private readonly float[] _ln1Gamma, _ln1Beta, _ln2Gamma, _ln2Beta;
    private readonly PackedMatrix _qkv, _outProj, _fc1, _fc2;
    private readonly float[] _qkvBias, _outBias, _fc1Bias, _fc2Bias;

    private ClipEncoderLayer(SafetensorsFile file, string prefix, int width, int inner)
    {
        string attn = prefix + "self_attn.";
        _ln1Gamma = file.ReadSingles(prefix + "layer_norm1.weight", width);
        _ln1Beta = file.ReadSingles(prefix + "layer_norm1.bias", width);
        _ln2Gamma = file.ReadSingles(prefix + "layer_norm2.weight", width);
        _ln2Beta = file.ReadSingles(prefix + "layer_norm2.bias", width);

        float[] qkvWeight = new float[3 * width * width];
        _qkvBias = new float[3 * width];
        string[] parts = ["q_proj", "k_proj", "v_proj"];
        for (int i = 0; i < parts.Length; i++)
        {
            file.ReadSingles(file.Get($"{attn}{parts[i]}.weight", width, width), 0, qkvWeight.AsSpan(i * width * width, width * width));
            file.ReadSingles(file.Get($"{attn}{parts[i]}.bias", width), 0, _qkvBias.AsSpan(i * width, width));
        }

        _qkv = Gemm.Pack(qkvWeight, width, 3 * width, transposed: true);
        _outProj = Gemm.Pack(file.ReadSingles(attn + "out_proj.weight", width, width), width, width, transposed: true);
        _outBias = file.ReadSingles(attn + "out_proj.bias", width);
        _fc1 = Gemm.Pack(file.ReadSingles(prefix + "mlp.fc1.weight", inner, width), width, inner, transposed: true);
        _fc1Bias = file.ReadSingles(prefix + "mlp.fc1.bias", inner);
        _fc2 = Gemm.Pack(file.ReadSingles(prefix + "mlp.fc2.weight", width, inner), inner, width, transposed: true);
        _fc2Bias = file.ReadSingles(prefix + "mlp.fc2.bias", width);
    }

    public static ClipEncoderLayer Load(SafetensorsFile file, string prefix, int width, int inner) => new(file, prefix, width, inner);

    /// <summary>Runs the block in place on <paramref name="x"/> (rows = sequences × tokens).</summary>
    public void Forward(Span<float> x, ClipWorkspace work, int sequences, int tokens, int heads, bool causal, float epsilon, int degreeOfParallelism)
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
        Attention.SelfAttention(qkv, attention, sequences, tokens, width, heads, causal, degreeOfParallelism);
        Gemm.Multiply(attention, width, _outProj, x, width, rows, _outBias, accumulate: true, degreeOfParallelism: degreeOfParallelism);

        LayerNorm.Apply(x, normed, _ln2Gamma, _ln2Beta, rows, epsilon);
        Gemm.Multiply(normed, width, _fc1, hidden, inner, rows, _fc1Bias, degreeOfParallelism: degreeOfParallelism);
        QuickGelu.Apply(hidden);
        Gemm.Multiply(hidden, inner, _fc2, x, width, rows, _fc2Bias, accumulate: true, degreeOfParallelism: degreeOfParallelism);
    }
}
