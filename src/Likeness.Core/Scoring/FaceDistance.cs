namespace Likeness.Core.Scoring;

/// <summary>Euclidean distance between face descriptors, and the largest face of a set.</summary>
public static class FaceDistance
{
    /// <summary>L2 distance; the descriptors must have the same length.</summary>
    public static double Between(IReadOnlyList<float> a, IReadOnlyList<float> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != b.Count || a.Count == 0)
        {
            throw new ArgumentException($"Descriptors differ in length ({a.Count} vs {b.Count}).", nameof(b));
        }

        double sum = 0;
        for (int i = 0; i < a.Count; i++)
        {
            double d = a[i] - b[i];
            sum += d * d;
        }

        return Math.Sqrt(sum);
    }

    /// <summary>The face with the largest box, or null when there is none.</summary>
    public static FaceObservation? Largest(IReadOnlyList<FaceObservation> faces) =>
        faces.Count == 0 ? null : faces.MaxBy(f => f.Box.Area);
}
