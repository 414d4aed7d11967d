namespace Likeness.Inference.Transformers;

/// <summary>
/// Where one pre-LN block's tensors live under its prefix, per checkpoint family. Names are without the
/// <c>.weight</c> / <c>.bias</c> / <c>.lambda1</c> suffix.
/// </summary>
/// <param name="Norm1">The LayerNorm before attention.</param>
/// <param name="Query">The query projection.</param>
/// <param name="Key">The key projection.</param>
/// <param name="Value">The value projection.</param>
/// <param name="Output">The attention output projection.</param>
/// <param name="Norm2">The LayerNorm before the MLP.</param>
/// <param name="Fc1">The MLP's first linear layer.</param>
/// <param name="Fc2">The MLP's second linear layer.</param>
/// <param name="LayerScale1">The per-channel scale of the attention branch (DINOv2's layer scale), or null.</param>
/// <param name="LayerScale2">The per-channel scale of the MLP branch, or null.</param>
internal sealed record EncoderBlockNames(
    string Norm1, string Query, string Key, string Value, string Output, string Norm2, string Fc1, string Fc2, string? LayerScale1, string? LayerScale2)
{
    /// <summary>HF <c>CLIPEncoderLayer</c>.</summary>
    public static EncoderBlockNames Clip { get; } = new(
        "layer_norm1", "self_attn.q_proj", "self_attn.k_proj", "self_attn.v_proj", "self_attn.out_proj", "layer_norm2", "mlp.fc1", "mlp.fc2", null, null);

    /// <summary>HF <c>Dinov2Layer</c> (with and without registers).</summary>
    public static EncoderBlockNames Dinov2 { get; } = new(
        "norm1",
        "attention.attention.query",
        "attention.attention.key",
        "attention.attention.value",
        "attention.output.dense",
        "norm2",
        "mlp.fc1",
        "mlp.fc2",
        "layer_scale1.lambda1",
        "layer_scale2.lambda1");
}
