using Likeness.Inference.Safetensors;

namespace Likeness.Inference.Clip;

/// <summary>
/// A CLIP model folder with the real tensor names and shapes for a config but seeded random values (LayerNorm
/// weights near 1, small biases, weights scaled by 1/√fan-in so activations stay in range). Used to run and time
/// the full-size path through the same loader when the real weights are not at hand.
/// </summary>
public static class ClipRandomWeights
{
    /// <summary>Writes <c>config.json</c> and <c>model.safetensors</c> into <paramref name="directory"/>.</summary>
    public static void WriteModel(string directory, ClipConfig config, int seed = 1, SafetensorsDType dtype = SafetensorsDType.F32)
    {
        ArgumentNullException.ThrowIfNull(config);
        RandomTensors.WriteModel(directory, config.ToJson(), Entries(config, seed, dtype));
    }

    /// <summary>Every tensor of a Hugging Face <c>CLIPModel</c> with <paramref name="config"/>'s sizes.</summary>
    public static IReadOnlyList<SafetensorsWriter.Entry> Entries(ClipConfig config, int seed = 1, SafetensorsDType dtype = SafetensorsDType.F32)
    {
        ArgumentNullException.ThrowIfNull(config);
        var t = new RandomTensors(seed, dtype);

        void Encoder(string prefix, int layers, int width, int inner)
        {
            for (int i = 0; i < layers; i++)
            {
                string layer = $"{prefix}encoder.layers.{i}.";
                foreach (string proj in new[] { "q_proj", "k_proj", "v_proj", "out_proj" })
                {
                    t.Weight($"{layer}self_attn.{proj}.weight", width, width);
                    t.Bias($"{layer}self_attn.{proj}.bias", width);
                }

                t.Norm(layer + "layer_norm1", width);
                t.Norm(layer + "layer_norm2", width);
                t.Weight(layer + "mlp.fc1.weight", inner, width);
                t.Bias(layer + "mlp.fc1.bias", inner);
                t.Weight(layer + "mlp.fc2.weight", width, inner);
                t.Bias(layer + "mlp.fc2.bias", width);
            }
        }

        ClipVisionConfig v = config.Vision;
        t.Weight("vision_model.embeddings.patch_embedding.weight", v.HiddenSize, v.NumChannels, v.PatchSize, v.PatchSize);
        t.Values("vision_model.embeddings.class_embedding", 0.5f, v.HiddenSize);
        t.Values("vision_model.embeddings.position_embedding.weight", 0.1f, v.TokenCount, v.HiddenSize);
        t.Norm("vision_model.pre_layrnorm", v.HiddenSize);
        Encoder("vision_model.", v.NumHiddenLayers, v.HiddenSize, v.IntermediateSize);
        t.Norm("vision_model.post_layernorm", v.HiddenSize);
        t.Weight("visual_projection.weight", config.ProjectionDim, v.HiddenSize);

        ClipTextConfig x = config.Text;
        t.Values("text_model.embeddings.token_embedding.weight", 0.2f, x.VocabSize, x.HiddenSize);
        t.Values("text_model.embeddings.position_embedding.weight", 0.1f, x.MaxPositionEmbeddings, x.HiddenSize);
        Encoder("text_model.", x.NumHiddenLayers, x.HiddenSize, x.IntermediateSize);
        t.Norm("text_model.final_layer_norm", x.HiddenSize);
        t.Weight("text_projection.weight", config.ProjectionDim, x.HiddenSize);

        t.Entries.Add(new SafetensorsWriter.Entry("logit_scale", dtype, [], values => values[0] = MathF.Log(1f / 0.07f)));
        return t.Entries;
    }
}
