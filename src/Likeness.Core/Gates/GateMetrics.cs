namespace Likeness.Core.Gates;

/// <summary>
/// The identity measures a gate can judge by. A metric is a name, not an enum, so another measure (DINO) joins
/// without changing the stored calibrations or verdicts: each is a distance where smaller is closer.
/// </summary>
public static class GateMetrics
{
    /// <summary>Face-descriptor distance (Euclidean) of the shot's largest face, mean over the references.</summary>
    public const string Face = "face";

    /// <summary>
    /// Whole-image CLIP distance (1 − cosine of the CLIP-I embeddings), mean over the references: the fallback for
    /// characters whose references show no face a face engine finds (stylized, masked, non-human).
    /// </summary>
    public const string ClipImage = "clip-i";
}
