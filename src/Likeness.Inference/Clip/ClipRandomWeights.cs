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
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, ClipModel.ConfigFileName), config.ToJson());
        SafetensorsWriter.Write(
            Path.Combine(directory, ClipModel.WeightsFileName),
            Entries(config, seed, dtype),
            new Dictionary<string, string> { ["format"] = "pt" });
    }

    /// <summary>Every tensor of a Hugging Face <c>CLIPModel</c> with <paramref name="config"/>'s sizes.</summary>
    public static IReadOnlyList<SafetensorsWriter.Entry> Entries(ClipConfig config, int seed = 1, SafetensorsDType dtype = SafetensorsDType.F32)
    {
        ArgumentNullException.ThrowIfNull(config);
        var entries = new List<SafetensorsWriter.Entry>();
        int next = seed;

        void Add(string name, Func<int, float> scale, Func<float, float> map, params long[] shape)
        {
            int tensorSeed = next++;
            long fanIn = shape.Length > 1 ? shape.Skip(1).Aggregate(1L, (a, b) => a * b) : 1;
            float s = scale((int)fanIn);
            entries.Add(new SafetensorsWriter.Entry(name, dtype, shape, values =>
            {
                var random = new Random(tensorSeed);
                for (int i = 0; i < values.Length; i++)
                {
                    // Uniform with unit variance.
                    values[i] = map(s * ((random.NextSingle() * 2f) - 1f) * 1.7320508f);
                }
            }));
        }

        void Weight(string name, params long[] shape) => Add(name, fanIn => 1f / MathF.Sqrt(fanIn), v => v, shape);
        void Bias(string name, long n) => Add(name, _ => 0.05f, v => v, n);
        void Embedding(string name, float scale, params long[] shape) => Add(name, _ => scale, v => v, shape);
        void Norm(string name, long n)
        {
            Add(name + ".weight", _ => 0.1f, v => 1f + v, n);
            Bias(name + ".bias", n);
        }

        void Encoder(string prefix, int layers, int width, int inner)
        {
            for (int i = 0; i < layers; i++)
            {
                string layer = $"{prefix}encoder.layers.{i}.";
                foreach (string proj in new[] { "q_proj", "k_proj", "v_proj", "out_proj" })
                {
                    Weight($"{layer}self_attn.{proj}.weight", width, width);
                    Bias($"{layer}self_attn.{proj}.bias", width);
                }

                Norm(layer + "layer_norm1", width);
                Norm(layer + "layer_norm2", width);
                Weight(layer + "mlp.fc1.weight", inner, width);
                Bias(layer + "mlp.fc1.bias", inner);
                Weight(layer + "mlp.fc2.weight", width, inner);
                Bias(layer + "mlp.fc2.bias", width);
            }
        }

        ClipVisionConfig v = config.Vision;
        Weight("vision_model.embeddings.patch_embedding.weight", v.HiddenSize, v.NumChannels, v.PatchSize, v.PatchSize);
        Embedding("vision_model.embeddings.class_embedding", 0.5f, v.HiddenSize);
        Embedding("vision_model.embeddings.position_embedding.weight", 0.1f, v.TokenCount, v.HiddenSize);
        Norm("vision_model.pre_layrnorm", v.HiddenSize);
        Encoder("vision_model.", v.NumHiddenLayers, v.HiddenSize, v.IntermediateSize);
        Norm("vision_model.post_layernorm", v.HiddenSize);
        Weight("visual_projection.weight", config.ProjectionDim, v.HiddenSize);

        ClipTextConfig t = config.Text;
        Embedding("text_model.embeddings.token_embedding.weight", 0.2f, t.VocabSize, t.HiddenSize);
        Embedding("text_model.embeddings.position_embedding.weight", 0.1f, t.MaxPositionEmbeddings, t.HiddenSize);
        Encoder("text_model.", t.NumHiddenLayers, t.HiddenSize, t.IntermediateSize);
        Norm("text_model.final_layer_norm", t.HiddenSize);
        Weight("text_projection.weight", config.ProjectionDim, t.HiddenSize);

        entries.Add(new SafetensorsWriter.Entry("logit_scale", dtype, [], values => values[0] = MathF.Log(1f / 0.07f)));
        return entries;
    }
}
