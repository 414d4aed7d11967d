using System.Buffers;
using System.Numerics.Tensors;
using Likeness.Inference.Kernels.Transformer;
using Likeness.Inference.Safetensors;
using Likeness.Inference.Transformers;

namespace Likeness.Inference.Clip;

/// <summary>
/// The ViT image tower and its projection: patch embedding (one GEMM over the extracted patches of the whole
/// batch), class token, position embedding, <c>pre_layrnorm</c>, the encoder, <c>post_layernorm</c> on
/// the class token, then <c>visual_projection</c>.
/// </summary>
internal sealed class ClipVisionTower
{
    private readonly ClipVisionConfig _config;
    private readonly PatchEmbedding _patchEmbedding;
    private readonly float[] _classEmbedding, _positionEmbedding;
    private readonly float[] _preGamma, _preBeta;
    private readonly Encoder _encoder;
    private readonly ClipPooledProjection _head;

    public ClipVisionTower(SafetensorsFile file, ClipVisionConfig config, int projectionDim)
    {
        _config = config;
        int d = config.HiddenSize, c = config.NumChannels, p = config.PatchSize;
        const string prefix = "vision_model.";
        _patchEmbedding = new PatchEmbedding(file, prefix + "embeddings.patch_embedding.weight", biasName: null, d, c, p);
        _classEmbedding = file.ReadSingles(prefix + "embeddings.class_embedding", d);
        _positionEmbedding = file.ReadSingles(prefix + "embeddings.position_embedding.weight", config.TokenCount, d);
        _preGamma = file.ReadSingles(prefix + "pre_layrnorm.weight", d);
        _preBeta = file.ReadSingles(prefix + "pre_layrnorm.bias", d);
        _encoder = ClipEncoders.Load(file, prefix, config.NumHiddenLayers, d, config.IntermediateSize, config.NumAttentionHeads, config.LayerNormEps);
        _head = new ClipPooledProjection(file, prefix, "post_layernorm", "visual_projection.weight", d, projectionDim, _encoder.Epsilon);
    }

    /// <summary>Floats of one preprocessed image: channels × size × size.</summary>
    public int PixelCount => _config.NumChannels * _config.ImageSize * _config.ImageSize;

    /// <summary>Embeds <paramref name="count"/> preprocessed images (projected, not normalised).</summary>
    public void Forward(ReadOnlySpan<float> pixels, int count, Span<float> embeddings, int degreeOfParallelism, HiddenStateObserver? observer = null)
    {
        int d = _config.HiddenSize, tokens = _config.TokenCount, size = _config.ImageSize;
        int projection = _head.Dim;
        if (pixels.Length < count * PixelCount || embeddings.Length < count * projection)
        {
            throw new ArgumentException($"Expected {count} images of {PixelCount} floats and room for {count}x{projection} embeddings.");
        }

        float[] x = ArrayPool<float>.Shared.Rent(count * tokens * d);
        try
        {
            Span<float> states = x.AsSpan(0, count * tokens * d);
            _patchEmbedding.Forward(pixels, count, size, size, states, tokens, firstToken: 1, degreeOfParallelism);
            for (int image = 0; image < count; image++)
            {
                Span<float> sequence = states.Slice(image * tokens * d, tokens * d);
                _classEmbedding.CopyTo(sequence);
                TensorPrimitives.Add(sequence, _positionEmbedding, sequence);
            }

            observer?.Invoke("embeddings", states, d);
            LayerNorm.Apply(states, states, _preGamma, _preBeta, count * tokens, _encoder.Epsilon);
            observer?.Invoke("pre_layrnorm", states, d);
            // Only the class token is pooled: the last block runs its queries and MLP for it alone.
            _encoder.Forward(states, count, tokens, causal: false, degreeOfParallelism, observer, firstTokenOnly: observer is null);

            _head.Forward(states, count, tokens, static _ => 0, embeddings, degreeOfParallelism, observer);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(x);
        }
    }
}
