using Likeness.Imaging;
using Likeness.Inference.Clip;
using Likeness.Workspace.Clip;

namespace Likeness.Workspace.Studies.Scoring;

/// <summary>The per-shot scores a study adds to the face scores: CLIP-I, CLIP-T and the copy-paste guard.</summary>
public sealed record StudyImageScores(double? ClipI, double? ClipT, double? CopySimilarity, bool? CopyPaste)
{
    /// <summary>
    /// Scores one decoded shot. CLIP-I is the mean cosine of the shot's CLIP embedding to the references';
    /// CLIP-T the cosine to the scene text's embedding (<paramref name="scene"/>); both null without an engine.
    /// </summary>
    public static StudyImageScores Measure(Image image, StudyReferenceSet references, ClipEngine? clip, float[]? scene)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(references);
        var copy = CopyPasteGuard.Check(CopyPasteGuard.Fingerprints(image), references.Fingerprints);
        double? clipI = null, clipT = null;
        if (clip is not null)
        {
            float[] embedding = clip.EmbedImage(image);
            clipI = references.ClipEmbeddings is { } refs ? ClipMetrics.MeanCosine(embedding, refs) : null;
            clipT = scene is null ? null : ClipMetrics.Cosine(embedding, scene);
        }

        return new StudyImageScores(clipI, clipT, copy?.Similarity, copy?.Copy);
    }
}
