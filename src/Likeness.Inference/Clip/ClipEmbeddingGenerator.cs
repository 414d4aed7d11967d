using Likeness.Inference.Vision;
using Microsoft.Extensions.AI;

namespace Likeness.Inference.Clip;

/// <summary>
/// CLIP as <c>Microsoft.Extensions.AI</c> embedding generators: images (<see cref="DataContent"/> with an
/// <c>image/*</c> media type, any format the imaging library decodes) and texts (<see cref="string"/>) map into the
/// same space, so their embeddings can be compared. Vectors are L2-normalised unless asked otherwise, so a dot
/// product is the cosine.
/// </summary>
public sealed class ClipEmbeddingGenerator : IEmbeddingGenerator<DataContent, Embedding<float>>, IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly ClipEmbedder _embedder;
    private readonly bool _normalize;
    private readonly TimeProvider _clock;
    private readonly EmbeddingGeneratorMetadata _metadata;

    /// <summary>Wraps an embedder (not disposed with this generator).</summary>
    /// <param name="embedder">The CLIP embedder.</param>
    /// <param name="modelId">The model name reported in metadata and on each embedding.</param>
    /// <param name="normalize">L2-normalise the vectors (default) or return the projected features as they are.</param>
    /// <param name="clock">Stamps <see cref="Embedding.CreatedAt"/>; default the system clock.</param>
    public ClipEmbeddingGenerator(ClipEmbedder embedder, string modelId = "openai/clip-vit-base-patch32", bool normalize = true, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        _embedder = embedder;
        _normalize = normalize;
        _clock = clock ?? TimeProvider.System;
        ModelId = modelId;
        _metadata = new EmbeddingGeneratorMetadata("likeness-clip", null, modelId, embedder.Model.EmbeddingDimension);
    }

    /// <summary>The model name.</summary>
    public string ModelId { get; }

    /// <inheritdoc />
    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<DataContent> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        return Task.FromResult(Wrap(ImageContentEmbedding.Embed(values, "CLIP", _embedder.EmbedImages, cancellationToken)));
    }

    /// <inheritdoc />
    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Wrap(_embedder.EmbedTexts([.. values])));
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        ImageContentEmbedding.Service(serviceType, serviceKey, _metadata, _embedder, _embedder.Model, this);

    /// <summary>Nothing to release: the embedder belongs to the caller.</summary>
    public void Dispose()
    {
    }

    private GeneratedEmbeddings<Embedding<float>> Wrap(float[][] vectors) => ImageContentEmbedding.Wrap(vectors, _normalize, ModelId, _clock);
}
