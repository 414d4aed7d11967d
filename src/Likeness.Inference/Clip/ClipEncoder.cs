using Likeness.Inference.Safetensors;

namespace Likeness.Inference.Clip;

/// <summary>A stack of <see cref="ClipEncoderLayer"/>s (HF <c>{vision,text}_model.encoder.layers.N</c>).</summary>
internal sealed class ClipEncoder
{
    private readonly ClipEncoderLayer[] _layers;

    public ClipEncoder(SafetensorsFile file, string prefix, int layers, int width, int inner, int heads, float epsilon)
    {
        _layers = new ClipEncoderLayer[layers];
        for (int i = 0; i < layers; i++)
        {
            _layers[i] = ClipEncoderLayer.Load(file, $"{prefix}encoder.layers.{i}.", width, inner);
        }

        Width = width;
        Inner = inner;
        Heads = heads;
        Epsilon = epsilon;
    }

    public int Width { get; }

    public int Inner { get; }

    public int Heads { get; }

    public float Epsilon { get; }

    public void Forward(Span<float> x, int sequences, int tokens, bool causal, int degreeOfParallelism, HiddenStateObserver? observer)
    {
        int rows = sequences * tokens;
        using var work = new ClipWorkspace(rows, Width, Inner);
        for (int i = 0; i < _layers.Length; i++)
        {
            _layers[i].Forward(x, work, sequences, tokens, Heads, causal, Epsilon, degreeOfParallelism);
            observer?.Invoke($"layer_{i}", x[..(rows * Width)], Width);
        }
    }
}
