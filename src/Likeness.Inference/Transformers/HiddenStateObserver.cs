namespace Likeness.Inference.Transformers;

/// <summary>
/// Sees a tower's hidden states at named checkpoints ("embeddings", "pre_layrnorm", "layer_0", ...,
/// "post_layernorm" / "final_layer_norm"): rows × width, row-major. Used to compare each stage with reference
/// outputs; the span is only valid during the call.
/// </summary>
internal delegate void HiddenStateObserver(string stage, ReadOnlySpan<float> states, int width);
