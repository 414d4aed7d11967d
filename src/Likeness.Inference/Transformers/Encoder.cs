using Likeness.Inference.Kernels;
using Likeness.Inference.Safetensors;

namespace Likeness.Inference.Transformers;

/// <summary>A stack of <see cref="EncoderBlock"/>s run over a whole batch of sequences at once.</summary>
internal sealed class Encoder
{
    private readonly EncoderBlock[] _blocks;

    /// <param name="file">The weights.</param>
    /// <param name="names">The checkpoint family's tensor names inside a block.</param>
    /// <param name="blockPrefix">Block i's prefix, e.g. <c>vision_model.encoder.layers.{i}.</c>.</param>
    /// <param name="layers">Number of blocks.</param>
    /// <param name="width">Hidden size.</param>
    /// <param name="inner">MLP hidden size.</param>
    /// <param name="heads">Attention heads.</param>
    /// <param name="epsilon">LayerNorm epsilon.</param>
    /// <param name="activation">The MLP activation (<see cref="Activation.Gelu"/> or <see cref="Activation.QuickGelu"/>).</param>
    public Encoder(
        SafetensorsFile file, EncoderBlockNames names, Func<int, string> blockPrefix, int layers, int width, int inner, int heads, float epsilon,
        Activation activation)
    {
        _blocks = new EncoderBlock[layers];
        for (int i = 0; i < layers; i++)
        {
            _blocks[i] = new EncoderBlock(file, names, blockPrefix(i), width, inner, activation);
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

    /// <summary>
    /// Runs every block in place on <paramref name="x"/> (sequences × tokens rows); the observer sees <c>layer_i</c>
    /// after each. With <paramref name="firstTokenOnly"/> (no observer then) the last block brings only each
    /// sequence's first row up to date, for callers that read nothing but the pooled class token.
    /// </summary>
    public void Forward(
        Span<float> x, int sequences, int tokens, bool causal, int degreeOfParallelism, HiddenStateObserver? observer, bool firstTokenOnly = false)
    {
        if (firstTokenOnly && observer is not null)
        {
            throw new ArgumentException("An observer sees every token of every layer; it cannot watch a first-token-only pass.", nameof(observer));
        }

        int rows = sequences * tokens;
        using var work = new EncoderWorkspace(rows, Width, Inner);
        for (int i = 0; i < _blocks.Length; i++)
        {
            _blocks[i].Forward(x, work, sequences, tokens, Heads, causal, Epsilon, degreeOfParallelism, firstTokenOnly && i == _blocks.Length - 1);
            observer?.Invoke($"layer_{i}", x[..(rows * Width)], Width);
        }
    }
}
