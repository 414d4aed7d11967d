using Likeness.Core.Scoring;

namespace Likeness.Core.Gates;

/// <summary>The distance each gate metric uses between two embeddings (smaller is closer).</summary>
public static class EmbeddingDistance
{
    /// <summary>The distance function of <paramref name="metric"/>.</summary>
    public static Func<IReadOnlyList<float>, IReadOnlyList<float>, double> For(string metric) => metric switch
    {
        GateMetrics.Face => FaceDistance.Between,
        GateMetrics.ClipImage => CosineDistance,
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "Unknown gate metric."),
    };

    /// <summary>Mean distance of <paramref name="embedding"/> to each of <paramref name="references"/>: how a shot is scored.</summary>
    public static double Mean(string metric, IReadOnlyList<float> embedding, IReadOnlyList<IReadOnlyList<float>> references)
    {
        ArgumentNullException.ThrowIfNull(references);
        var distance = For(metric);
        return references.Average(r => distance(embedding, r));
    }

    /// <summary>1 − cosine similarity.</summary>
    public static double CosineDistance(IReadOnlyList<float> a, IReadOnlyList<float> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != b.Count || a.Count == 0)
        {
            throw new ArgumentException($"Embeddings differ in length ({a.Count} vs {b.Count}).", nameof(b));
        }

        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.Count; i++)
        {
            dot += a[i] * (double)b[i];
            na += a[i] * (double)a[i];
            nb += b[i] * (double)b[i];
        }

        return na == 0 || nb == 0 ? 1 : 1 - (dot / Math.Sqrt(na * nb));
    }
}
