using Likeness.Imaging;
using Likeness.Inference.Clip;
using Microsoft.Extensions.AI;

namespace Likeness.Inference.Vision;

/// <summary>The image side the <c>Microsoft.Extensions.AI</c> generators share: decode <see cref="DataContent"/> images, embed them as one batch, wrap the vectors.</summary>
internal static class ImageContentEmbedding
{
    /// <summary>Decodes every value (it must have an <c>image/*</c> media type) and embeds them together; the images are disposed after.</summary>
    public static float[][] Embed(IEnumerable<DataContent> values, string engine, Func<IReadOnlyList<Image>, float[][]> embed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(values);
        var images = new List<Image>();
        try
        {
            foreach (DataContent content in values)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!content.HasTopLevelMediaType("image"))
                {
                    throw new ArgumentException($"{engine} embeds images; got media type '{content.MediaType}'.", nameof(values));
                }

                DecodedImage decoded = ImageDecoder.Decode(content.Data.Span);
                images.Add(decoded.Image);
            }

            return embed(images);
        }
        finally
        {
            foreach (Image image in images)
            {
                image.Dispose();
            }
        }
    }

    /// <summary>Wraps vectors as embeddings of <paramref name="modelId"/>, L2-normalised when asked, stamped with the clock's time.</summary>
    public static GeneratedEmbeddings<Embedding<float>> Wrap(float[][] vectors, bool normalize, string modelId, TimeProvider clock)
    {
        var result = new GeneratedEmbeddings<Embedding<float>>(vectors.Length);
        DateTimeOffset now = clock.GetUtcNow();
        foreach (float[] vector in vectors)
        {
            result.Add(new Embedding<float>(normalize ? ClipMetrics.Normalize(vector) : vector) { ModelId = modelId, CreatedAt = now });
        }

        return result;
    }

    /// <summary><c>IEmbeddingGenerator.GetService</c> for a generator over an embedder and its model.</summary>
    public static object? Service(Type serviceType, object? serviceKey, EmbeddingGeneratorMetadata metadata, params object[] services)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        return serviceType == typeof(EmbeddingGeneratorMetadata) ? metadata : services.FirstOrDefault(serviceType.IsInstanceOfType);
    }
}
