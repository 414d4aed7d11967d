using Likeness.Inference.Safetensors;

namespace Likeness.Inference.Dino;

/// <summary>
/// A DINOv2 model folder with the real tensor names and shapes for a config and seeded random values, to run and
/// time the full-size path through the same loader when the real weights are not at hand.
/// </summary>
public static class DinoRandomWeights
{
    /// <summary>Writes <c>config.json</c> and <c>model.safetensors</c> into <paramref name="directory"/>.</summary>
    public static void WriteModel(string directory, DinoConfig config, int seed = 1, SafetensorsDType dtype = SafetensorsDType.F32)
    {
        ArgumentNullException.ThrowIfNull(config);
        RandomTensors.WriteModel(directory, config.ToJson(), Entries(config, seed, dtype));
    }

    /// <summary>Every tensor of a Hugging Face <c>Dinov2Model</c> (or <c>Dinov2WithRegistersModel</c>) with <paramref name="config"/>'s sizes.</summary>
    public static IReadOnlyList<SafetensorsWriter.Entry> Entries(DinoConfig config, int seed = 1, SafetensorsDType dtype = SafetensorsDType.F32)
    {
        ArgumentNullException.ThrowIfNull(config);
        var t = new RandomTensors(seed, dtype);
        int d = config.HiddenSize, inner = config.IntermediateSize, m = config.StoredGridSize;
        t.Values("embeddings.cls_token", 0.5f, 1, 1, d);
        t.Values("embeddings.mask_token", 0.5f, 1, d);
        if (config.NumRegisterTokens > 0)
        {
            t.Values("embeddings.register_tokens", 0.5f, 1, config.NumRegisterTokens, d);
        }

        t.Values("embeddings.position_embeddings", 0.1f, 1, (m * m) + 1, d);
        t.Weight("embeddings.patch_embeddings.projection.weight", d, config.NumChannels, config.PatchSize, config.PatchSize);
        t.Bias("embeddings.patch_embeddings.projection.bias", d);
        for (int i = 0; i < config.NumHiddenLayers; i++)
        {
            string layer = $"encoder.layer.{i}.";
            t.Norm(layer + "norm1", d);
            foreach (string proj in new[] { "attention.attention.query", "attention.attention.key", "attention.attention.value", "attention.output.dense" })
            {
                t.Weight($"{layer}{proj}.weight", d, d);
                t.Bias($"{layer}{proj}.bias", d);
            }

            t.Values(layer + "layer_scale1.lambda1", 0.5f, d);
            t.Norm(layer + "norm2", d);
            t.Weight(layer + "mlp.fc1.weight", inner, d);
            t.Bias(layer + "mlp.fc1.bias", inner);
            t.Weight(layer + "mlp.fc2.weight", d, inner);
            t.Bias(layer + "mlp.fc2.bias", d);
            t.Values(layer + "layer_scale2.lambda1", 0.5f, d);
        }

        t.Norm("layernorm", d);
        return t.Entries;
    }
}
