namespace Likeness.Inference.Safetensors;

/// <summary>
/// Seeded random tensors for a model folder with the real names and shapes: LayerNorm weights near 1, small biases,
/// weights scaled by 1/√fan-in so activations stay in range. Each tensor gets the next seed, so a list is reproducible.
/// </summary>
/// <param name="seed">The first tensor's seed.</param>
/// <param name="dtype">How the values are stored.</param>
internal sealed class RandomTensors(int seed, SafetensorsDType dtype)
{
    private int _next = seed;

    public List<SafetensorsWriter.Entry> Entries { get; } = [];

    /// <summary>Writes a model folder: the config's JSON as <c>config.json</c> and the tensors as <c>model.safetensors</c>.</summary>
    public static void WriteModel(string directory, string configJson, IEnumerable<SafetensorsWriter.Entry> entries)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "config.json"), configJson);
        SafetensorsWriter.Write(Path.Combine(directory, "model.safetensors"), entries, new Dictionary<string, string> { ["format"] = "pt" });
    }

    /// <summary>A linear or conv weight (fan-in = product of all but the first dimension).</summary>
    public void Weight(string name, params long[] shape) => Add(name, fanIn => 1f / MathF.Sqrt(fanIn), v => v, shape);

    public void Bias(string name, long n) => Add(name, _ => 0.05f, v => v, n);

    /// <summary>Uniform values of the given scale (embeddings, tokens).</summary>
    public void Values(string name, float scale, params long[] shape) => Add(name, _ => scale, v => v, shape);

    /// <summary>A LayerNorm's <c>.weight</c> (near 1) and <c>.bias</c>.</summary>
    public void Norm(string name, long n)
    {
        Add(name + ".weight", _ => 0.1f, v => 1f + v, n);
        Bias(name + ".bias", n);
    }

    private void Add(string name, Func<int, float> scale, Func<float, float> map, params long[] shape)
    {
        int tensorSeed = _next++;
        long fanIn = shape.Length > 1 ? shape.Skip(1).Aggregate(1L, (a, b) => a * b) : 1;
        float s = scale((int)fanIn);
        Entries.Add(new SafetensorsWriter.Entry(name, dtype, shape, values =>
        {
            var random = new Random(tensorSeed);
            for (int i = 0; i < values.Length; i++)
            {
                // Uniform with unit variance.
                values[i] = map(s * ((random.NextSingle() * 2f) - 1f) * 1.7320508f);
            }
        }));
    }
}
