using Likeness.Inference.Vision;
using Microsoft.Extensions.AI;

namespace Likeness.Inference.Dino;

/// <summary>
/// DINOv2 as a <c>Microsoft.Extensions.AI</c> embedding generator for images (<see cref="DataContent"/> with an
/// <c>image/*</c> media type, any format the imaging library decodes). Vectors are L2-normalised unless asked
/// otherwise, so a dot product is DINO-I.
/// </summary>
public sealed class DinoEmbeddingGenerator : IEmbeddingGenerator<DataContent, Embedding<float>>
{
    private readonly DinoEmbedder _embedder;
    private readonly bool _normalize;
    private readonly TimeProvider _clock;
    private readonly EmbeddingGeneratorMetadata _metadata;

    /// <summary>Wraps an embedder (not disposed with this generator).</summary>
    /// <param name="embedder">The DINOv2 embedder.</param>
    /// <param name="modelId">The model name reported in metadata and on each embedding.</param>
    /// <param name="normalize">L2-normalise the vectors (default) or return the pooled outputs as they are.</param>
    /// <param name="clock">Stamps <see cref="Embedding.CreatedAt"/>; default the system clock.</param>
    public DinoEmbeddingGenerator(DinoEmbedder embedder, string modelId = "facebook/dinov2-small", bool normalize = true, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        _embedder = embedder;
        _normalize = normalize;
        _clock = clock ?? TimeProvider.System;
        ModelId = modelId;
        _metadata = new EmbeddingGeneratorMetadata("likeness-dino", null, modelId, embedder.Model.EmbeddingDimension);
    }

    /// <summary>The model name.</summary>
    public string ModelId { get; }

    /// <inheritdoc />
    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<DataContent> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(ImageContentEmbedding.Wrap(
            ImageContentEmbedding.Embed(values, "DINOv2", _embedder.EmbedImages, cancellationToken), _normalize, ModelId, _clock));

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        ImageContentEmbedding.Service(serviceType, serviceKey, _metadata, _embedder, _embedder.Model, this);

    /// <summary>Nothing to release: the embedder belongs to the caller.</summary>
    public void Dispose()
    {
    }
}
