using System.Buffers;
using Likeness.Inference.Kernels;
using Likeness.Inference.Kernels.Transformer;
using Likeness.Inference.Safetensors;
using Likeness.Inference.Transformers;

namespace Likeness.Inference.Clip;

/// <summary>
/// The head both CLIP towers end with: take one token per sequence (the end-of-text token, or the class token),
/// layer-norm it (<c>final_layer_norm</c> / <c>post_layernorm</c>), then apply the tower's projection.
/// </summary>
internal sealed class ClipPooledProjection
{
    private readonly string _normName;
    private readonly float[] _gamma, _beta;
    private readonly float _epsilon;
    private readonly PackedMatrix _projection;

    /// <param name="file">The weights.</param>
    /// <param name="prefix">The tower's tensor prefix (<c>text_model.</c>, <c>vision_model.</c>).</param>
    /// <param name="normName">The layer norm's name, also the stage the observer sees.</param>
    /// <param name="projectionName">The projection weight's full name.</param>
    /// <param name="hidden">The tower's hidden size.</param>
    /// <param name="projectionDim">The embedding size.</param>
    /// <param name="epsilon">The layer norm's epsilon.</param>
    public ClipPooledProjection(
        SafetensorsFile file, string prefix, string normName, string projectionName, int hidden, int projectionDim, float epsilon)
    {
        _normName = normName;
        _gamma = file.ReadSingles(prefix + normName + ".weight", hidden);
        _beta = file.ReadSingles(prefix + normName + ".bias", hidden);
        _epsilon = epsilon;
        _projection = Gemm.Pack(file.ReadSingles(projectionName, projectionDim, hidden), hidden, projectionDim, transposed: true);
    }

    /// <summary>The embedding size.</summary>
    public int Dim => _projection.N;

    /// <summary>
    /// Pools token <paramref name="pooledIndex"/>(s) of each of <paramref name="count"/> sequences of
    /// <paramref name="tokens"/> hidden states, normalises and projects them into <paramref name="embeddings"/>.
    /// </summary>
    public void Forward(
        ReadOnlySpan<float> states,
        int count,
        int tokens,
        Func<int, int> pooledIndex,
        Span<float> embeddings,
        int degreeOfParallelism,
        HiddenStateObserver? observer)
    {
        int d = _gamma.Length;
        float[] buffer = ArrayPool<float>.Shared.Rent(count * d);
        try
        {
            Span<float> pooled = buffer.AsSpan(0, count * d);
            for (int s = 0; s < count; s++)
            {
                states.Slice(((s * tokens) + pooledIndex(s)) * d, d).CopyTo(pooled.Slice(s * d, d));
            }

            LayerNorm.Apply(pooled, pooled, _gamma, _beta, count, _epsilon);
            observer?.Invoke(_normName, pooled, d);
            Gemm.Multiply(pooled, d, _projection, embeddings, Dim, count, degreeOfParallelism: degreeOfParallelism);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }
}
