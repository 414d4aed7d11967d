namespace Likeness.Core.Scoring;

/// <summary>Lighting bands of a face's mean luma, for training-set coverage (not a photometric measure).</summary>
public static class FaceLighting
{
    /// <summary>"dark" under 90, "bright" over 150, "even" between.</summary>
    public static string Label(double meanLuma) => meanLuma < 90 ? "dark" : meanLuma > 150 ? "bright" : "even";
}
