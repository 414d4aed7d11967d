using System.Buffers;
using System.Numerics.Tensors;
using Likeness.Inference.Safetensors;
using Likeness.Inference.Transformers;

namespace Likeness.Inference.Clip;

/// <summary>
/// The text tower and its projection: token + position embedding, the causal encoder, <c>final_layer_norm</c> on
/// the end-of-text token, then <c>text_projection</c>. The causal mask means nothing after the end-of-text token
/// can change it, so only positions up to it are computed. Token embedding rows are read from the memory-mapped
/// weights on demand (25 M floats for CLIP) instead of being copied whole.
/// </summary>
internal sealed class ClipTextTower
{
    private const int LegacyEosTokenId = 2;

    private readonly ClipTextConfig _config;
    private readonly SafetensorsFile _file;
    private readonly SafetensorsTensorInfo _tokenEmbedding;
    private readonly float[] _positionEmbedding;
    private readonly Encoder _encoder;
    private readonly ClipPooledProjection _head;

    public ClipTextTower(SafetensorsFile file, ClipTextConfig config, int projectionDim)
    {
        _config = config;
        _file = file;
        int d = config.HiddenSize;
        const string prefix = "text_model.";
        _tokenEmbedding = file.Get(prefix + "embeddings.token_embedding.weight", config.VocabSize, d);
        _positionEmbedding = file.ReadSingles(prefix + "embeddings.position_embedding.weight", config.MaxPositionEmbeddings, d);
        _encoder = ClipEncoders.Load(file, prefix, config.NumHiddenLayers, d, config.IntermediateSize, config.NumAttentionHeads, config.LayerNormEps);
        _head = new ClipPooledProjection(file, prefix, "final_layer_norm", "text_projection.weight", d, projectionDim, _encoder.Epsilon);
    }

    /// <summary>
    /// The pooled position: HF reads the legacy <c>eos_token_id</c> 2 as "the largest id" (CLIP's end token is
    /// the largest id) and any other value as "the first end token".
    /// </summary>
    public int PoolingIndex(ReadOnlySpan<int> ids) =>
        _config.EosTokenId == LegacyEosTokenId ? TensorPrimitives.IndexOfMax(ids) : Math.Max(0, ids.IndexOf(_config.EosTokenId));

    /// <summary>Embeds token sequences (each as <c>clip.tokenize</c> gives it; any length up to the context).</summary>
    public void Forward(IReadOnlyList<int[]> sequences, Span<float> embeddings, int degreeOfParallelism, HiddenStateObserver? observer = null)
    {
        int d = _config.HiddenSize, count = sequences.Count, projection = _head.Dim;
        if (embeddings.Length < count * projection)
        {
            throw new ArgumentException($"Room for {count}x{projection} embeddings is needed.", nameof(embeddings));
        }

        int[] pooledAt = new int[count];
        int tokens = 1;
        for (int s = 0; s < count; s++)
        {
            int[] ids = sequences[s];
            if (ids.Length == 0 || ids.Length > _config.MaxPositionEmbeddings)
            {
                throw new ArgumentException($"Text {s} has {ids.Length} tokens; 1 to {_config.MaxPositionEmbeddings} are allowed.", nameof(sequences));
            }

            pooledAt[s] = PoolingIndex(ids);
            tokens = Math.Max(tokens, pooledAt[s] + 1);
        }

        float[] x = ArrayPool<float>.Shared.Rent(count * tokens * d);
        try
        {
            Span<float> states = x.AsSpan(0, count * tokens * d);
            for (int s = 0; s < count; s++)
            {
                Embed(sequences[s], tokens, states.Slice(s * tokens * d, tokens * d));
            }

            observer?.Invoke("embeddings", states, d);
            _encoder.Forward(states, count, tokens, causal: true, degreeOfParallelism, observer);

            _head.Forward(states, count, tokens, s => pooledAt[s], embeddings, degreeOfParallelism, observer);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(x);
        }
    }

    /// <summary>Token + position embedding for the first <paramref name="tokens"/> positions (padding with id 0 beyond the sequence).</summary>
    private void Embed(int[] ids, int tokens, Span<float> rows)
    {
        int d = _config.HiddenSize;
        for (int t = 0; t < tokens; t++)
        {
            int id = t < ids.Length ? ids[t] : 0;
            if ((uint)id >= (uint)_config.VocabSize)
            {
                throw new ArgumentException($"Token id {id} is outside the vocabulary [0, {_config.VocabSize}).", nameof(ids));
            }

            Span<float> row = rows.Slice(t * d, d);
            _file.ReadSingles(_tokenEmbedding, (long)id * d, row);
            TensorPrimitives.Add(row, _positionEmbedding.AsSpan(t * d, d), row);
        }
    }
}
