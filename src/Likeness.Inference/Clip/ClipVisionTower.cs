using System.Buffers;
using System.Numerics.Tensors;
using Likeness.Inference.Kernels;
using Likeness.Inference.Kernels.Transformer;
using Likeness.Inference.Safetensors;

namespace Likeness.Inference.Clip;

/// <summary>
/// The ViT image tower and its projection: patch embedding (a stride-P convolution done as one GEMM over
/// extracted patches), class token, position embedding, <c>pre_layrnorm</c>, the encoder, <c>post_layernorm</c> on
/// the class token, then <c>visual_projection</c>.
/// </summary>
internal sealed class ClipVisionTower
{
    private readonly ClipVisionConfig _config;
    private readonly PackedMatrix _patchEmbedding;
    private readonly float[] _classEmbedding, _positionEmbedding;
    private readonly float[] _preGamma, _preBeta;
    private readonly ClipEncoder _encoder;
    private readonly ClipPooledProjection _head;

    public ClipVisionTower(SafetensorsFile file, ClipVisionConfig config, int projectionDim)
    {
        _config = config;
        int d = config.HiddenSize, c = config.NumChannels, p = config.PatchSize;
        const string prefix = "vision_model.";
        _patchEmbedding = Gemm.Pack(
            file.ReadSingles(prefix + "embeddings.patch_embedding.weight", d, c, p, p), c * p * p, d, transposed: true);
        _classEmbedding = file.ReadSingles(prefix + "embeddings.class_embedding", d);
        _positionEmbedding = file.ReadSingles(prefix + "embeddings.position_embedding.weight", config.TokenCount, d);
        _preGamma = file.ReadSingles(prefix + "pre_layrnorm.weight", d);
        _preBeta = file.ReadSingles(prefix + "pre_layrnorm.bias", d);
        _encoder = new ClipEncoder(file, prefix, config.NumHiddenLayers, d, config.IntermediateSize, config.NumAttentionHeads, (float)config.LayerNormEps);
        _head = new ClipPooledProjection(file, prefix, "post_layernorm", "visual_projection.weight", d, projectionDim, _encoder.Epsilon);
    }

    /// <summary>Floats of one preprocessed image: channels × size × size.</summary>
    public int PixelCount => _config.NumChannels * _config.ImageSize * _config.ImageSize;

    /// <summary>Embeds <paramref name="count"/> preprocessed images (projected, not normalised).</summary>
    public void Forward(ReadOnlySpan<float> pixels, int count, Span<float> embeddings, int degreeOfParallelism, HiddenStateObserver? observer = null)
    {
        int d = _config.HiddenSize, tokens = _config.TokenCount, patches = tokens - 1;
        int patchLength = _config.NumChannels * _config.PatchSize * _config.PatchSize;
        int projection = _head.Dim;
        if (pixels.Length < count * PixelCount || embeddings.Length < count * projection)
        {
            throw new ArgumentException($"Expected {count} images of {PixelCount} floats and room for {count}x{projection} embeddings.");
        }

        float[] x = ArrayPool<float>.Shared.Rent(count * tokens * d);
        float[] patchRows = ArrayPool<float>.Shared.Rent(patches * patchLength);
        try
        {
            Span<float> states = x.AsSpan(0, count * tokens * d);
            for (int image = 0; image < count; image++)
            {
                Span<float> sequence = states.Slice(image * tokens * d, tokens * d);
                ExtractPatches(pixels.Slice(image * PixelCount, PixelCount), patchRows);
                _classEmbedding.CopyTo(sequence);
                Gemm.Multiply(patchRows, patchLength, _patchEmbedding, sequence[d..], d, patches, degreeOfParallelism: degreeOfParallelism);
                TensorPrimitives.Add(sequence, _positionEmbedding, sequence);
            }

            observer?.Invoke("embeddings", states, d);
            LayerNorm.Apply(states, states, _preGamma, _preBeta, count * tokens, _encoder.Epsilon);
            observer?.Invoke("pre_layrnorm", states, d);
            _encoder.Forward(states, count, tokens, causal: false, degreeOfParallelism, observer);

            _head.Forward(states, count, tokens, static _ => 0, embeddings, degreeOfParallelism, observer);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(x);
            ArrayPool<float>.Shared.Return(patchRows);
        }
    }

    /// <summary>Lays out each patch as one row (channel, ky, kx), patches in row-major grid order, as the conv weight expects.</summary>
    private void ExtractPatches(ReadOnlySpan<float> image, Span<float> rows)
    {
        int size = _config.ImageSize, p = _config.PatchSize, grid = _config.GridSize, channels = _config.NumChannels;
        int offset = 0;
        for (int gy = 0; gy < grid; gy++)
        {
            for (int gx = 0; gx < grid; gx++)
            {
                for (int c = 0; c < channels; c++)
                {
                    for (int ky = 0; ky < p; ky++)
                    {
                        image.Slice((c * size * size) + (((gy * p) + ky) * size) + (gx * p), p).CopyTo(rows.Slice(offset, p));
                        offset += p;
                    }
                }
            }
        }
    }
}
