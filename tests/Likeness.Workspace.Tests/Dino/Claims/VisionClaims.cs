using Likeness.Core.Scoring;
using Likeness.Core.Studies.Calibration;
using Likeness.Imaging;
using Likeness.Inference.Clip;

namespace Likeness.Workspace.Tests.Dino.Claims;

/// <summary>How often the right character is ranked first among the queries.</summary>
internal sealed record RankOne(int Right, int Queries)
{
    public double Rate => Queries == 0 ? 0 : Right / (double)Queries;

    public override string ToString() => $"{Right}/{Queries} ({Rate:P0})";
}

/// <summary>The numbers behind the DINO claims: pair separation on visible faces, and rank-1 identification with the face hidden.</summary>
internal static class VisionClaims
{
    /// <summary>Face distance of every pair of photos' largest faces: genuine when both show one person.</summary>
    public static Separation FaceSeparation(IReadOnlyList<LabelledImage> photos, IFaceAnalyzer faces)
    {
        IReadOnlyList<float>[] descriptors = [.. photos.Select(p => FaceDistance.Largest(faces.Analyze(p.Image))!.Descriptor)];
        return Pairs(photos, (i, j) => FaceDistance.Between(descriptors[i], descriptors[j]), higherIsSame: false);
    }

    /// <summary>Cosine of every pair of photos' embeddings.</summary>
    public static Separation EmbeddingSeparation(IReadOnlyList<LabelledImage> photos, Func<Image, float[]> embed)
    {
        float[][] embeddings = [.. photos.Select(p => embed(p.Image))];
        return Pairs(photos, (i, j) => ClipMetrics.Cosine(embeddings[i], embeddings[j]), higherIsSame: true);
    }

    /// <summary>
    /// For each query, the character whose references it is closest to on average (cosine); a reference made from the
    /// same source photo as the query (its name starts the query's) is left out, so no query meets itself.
    /// </summary>
    public static RankOne RankFirst(IReadOnlyList<LabelledImage> references, IReadOnlyList<LabelledImage> queries, Func<Image, float[]> embed)
    {
        (LabelledImage Image, float[] Embedding)[] refs = [.. references.Select(r => (r, embed(r.Image)))];
        int right = 0;
        foreach (LabelledImage query in queries)
        {
            float[] q = embed(query.Image);
            string best = refs.Where(r => !query.Name.StartsWith(r.Image.Name + " ", StringComparison.Ordinal))
                .GroupBy(r => r.Image.Character)
                .MaxBy(g => g.Average(r => ClipMetrics.Cosine(q, r.Embedding)))!.Key;
            right += best == query.Character ? 1 : 0;
        }

        return new RankOne(right, queries.Count);
    }

    private static Separation Pairs(IReadOnlyList<LabelledImage> photos, Func<int, int, double> score, bool higherIsSame)
    {
        var genuine = new List<double>();
        var impostor = new List<double>();
        for (int i = 0; i < photos.Count; i++)
        {
            for (int j = i + 1; j < photos.Count; j++)
            {
                (photos[i].Character == photos[j].Character ? genuine : impostor).Add(score(i, j));
            }
        }

        return Separation.Of(genuine, impostor, higherIsSame);
    }
}
