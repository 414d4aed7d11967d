using Likeness.Core.Assets;
using Likeness.Core.References;
using Likeness.Core.Scoring;
using Likeness.Core.Shots;
using Likeness.Imaging;
using Likeness.Inference.Clip;

namespace Likeness.Workspace.Dino;

/// <summary>A character's references with their DINOv2 embeddings, and the DINO-I of a shot against them.</summary>
public sealed class DinoReferenceSet
{
    private DinoReferenceSet(DinoEngine engine, IReadOnlyList<(ReferenceImage Reference, DinoImageEmbeddings Embeddings)> references)
    {
        Engine = engine;
        References = references;
    }

    /// <summary>The engine that embedded them.</summary>
    public DinoEngine Engine { get; }

    /// <summary>Each reference with its embeddings.</summary>
    public IReadOnlyList<(ReferenceImage Reference, DinoImageEmbeddings Embeddings)> References { get; }

    /// <summary>
    /// Embeds <paramref name="references"/> (each once per engine: they are kept by asset hash). The crop uses the largest
    /// face <paramref name="faces"/> finds in the upright reference; without a face engine the crop is the whole frame.
    /// </summary>
    public static async Task<DinoReferenceSet> LoadAsync(
        DinoEngine engine, IReadOnlyList<ReferenceImage> references, IAssetStore assets, IFaceAnalyzer? faces, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(references);
        ArgumentNullException.ThrowIfNull(assets);
        var embedded = new List<(ReferenceImage, DinoImageEmbeddings)>(references.Count);
        foreach (ReferenceImage reference in references)
        {
            if (!engine.TryGetReference(reference.AssetSha256, out DinoImageEmbeddings? embeddings))
            {
                byte[] bytes = await assets.ReadAllBytesAsync(reference.AssetSha256, cancellationToken).ConfigureAwait(false);
                embeddings = engine.KeepReference(reference.AssetSha256, EmbedFile(engine, bytes, faces, cancellationToken));
            }

            embedded.Add((reference, embeddings));
        }

        return new DinoReferenceSet(engine, embedded);
    }

    /// <summary>DINO-I of <paramref name="image"/> (its crop around <paramref name="face"/>) against the references; null without references.</summary>
    public DinoScores? Score(Image image, FaceBox? face)
    {
        if (References.Count == 0)
        {
            return null;
        }

        DinoImageEmbeddings shot = Engine.Embed(image, face);
        double[] whole = [.. References.Select(r => (double)ClipMetrics.Cosine(shot.Whole, r.Embeddings.Whole))];
        double[] crop = [.. References.Select(r => (double)ClipMetrics.Cosine(shot.Crop, r.Embeddings.Crop))];
        return new DinoScores
        {
            Model = Engine.Name,
            WholeMean = whole.Average(),
            WholeMax = whole.Max(),
            CropMean = crop.Average(),
            CropMax = crop.Max(),
            CropFromFace = shot.CropFromFace,
        };
    }

    private static DinoImageEmbeddings EmbedFile(DinoEngine engine, byte[] bytes, IFaceAnalyzer? faces, CancellationToken cancellationToken)
    {
        using DecodedImage decoded = ImageDecoder.Decode(bytes, DecodeOptions.Upright);
        FaceObservation? face = faces is null ? null : FaceDistance.Largest(faces.Analyze(decoded.Image, cancellationToken));
        return engine.Embed(decoded.Image, face?.Box);
    }
}
