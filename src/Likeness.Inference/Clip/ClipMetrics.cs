using System.Numerics.Tensors;

namespace Likeness.Inference.Clip;

/// <summary>
/// Scores on CLIP embeddings. CLIP-I is the cosine between two image embeddings (how alike two shots look);
/// CLIP-T is the cosine between an image and a text embedding (how well a shot follows its prompt), also given
/// scaled by the model's <c>exp(logit_scale)</c> as <c>CLIPModel</c>'s <c>logits_per_image</c> are.
/// </summary>
public static class ClipMetrics
{
    /// <summary>Cosine similarity; the embeddings need not be normalised.</summary>
    public static float Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => TensorPrimitives.CosineSimilarity(a, b);

    /// <summary>
    /// CLIP-I against a set (a shot against a character's references, as studies and the compare view report it): the
    /// mean cosine of <paramref name="embedding"/> to each of <paramref name="others"/>; null when there are none.
    /// </summary>
    public static double? MeanCosine(ReadOnlySpan<float> embedding, IReadOnlyList<float[]> others)
    {
        ArgumentNullException.ThrowIfNull(others);
        if (others.Count == 0)
        {
            return null;
        }

        double sum = 0;
        foreach (float[] other in others)
        {
            sum += Cosine(embedding, other);
        }

        return sum / others.Count;
    }

    /// <summary>
    /// All pairwise cosines of <paramref name="rowCount"/> embeddings in <paramref name="rows"/> against
    /// <paramref name="columnCount"/> in <paramref name="columns"/> (each <paramref name="dimension"/> wide), row-major
    /// into <paramref name="destination"/>; multiplied by <paramref name="scale"/> (1 for cosines, the model's
    /// logit scale for logits).
    /// </summary>
    public static void CosineMatrix(
        ReadOnlySpan<float> rows, int rowCount, ReadOnlySpan<float> columns, int columnCount, int dimension, Span<float> destination, float scale = 1f)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        if (rows.Length < rowCount * dimension || columns.Length < columnCount * dimension || destination.Length < rowCount * columnCount)
        {
            throw new ArgumentException($"Expected {rowCount}x{dimension} and {columnCount}x{dimension} embeddings and room for {rowCount}x{columnCount} scores.");
        }

        for (int r = 0; r < rowCount; r++)
        {
            ReadOnlySpan<float> a = rows.Slice(r * dimension, dimension);
            for (int c = 0; c < columnCount; c++)
            {
                destination[(r * columnCount) + c] = scale * TensorPrimitives.CosineSimilarity(a, columns.Slice(c * dimension, dimension));
            }
        }
    }

    /// <summary>Returns <paramref name="embedding"/> divided by its L2 norm (a zero vector stays zero).</summary>
    public static float[] Normalize(ReadOnlySpan<float> embedding)
    {
        float[] result = embedding.ToArray();
        float norm = TensorPrimitives.Norm(embedding);
        if (norm > 0f)
        {
            TensorPrimitives.Divide(result, norm, result);
        }

        return result;
    }
}
