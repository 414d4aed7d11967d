namespace Likeness.Core.Scoring;

/// <summary>Which way a face turns, from its 68 landmarks: enough to tell frontal, three-quarter and profile views apart.</summary>
public enum HeadPose
{
    /// <summary>Facing the camera.</summary>
    Frontal,

    /// <summary>Turned part way.</summary>
    ThreeQuarter,

    /// <summary>Turned side on.</summary>
    Profile,
}

/// <summary>
/// Estimates the turn of a head from where the nose tip sits between the jaw's ends (iBUG points 30, 0 and 16): 0 when
/// centred, ±0.5 at the jaw's end; the sign says which way. The bands (under 0.06 frontal, under 0.25 three-quarter) were
/// read off the bundled cast photos (frontal portraits 0.02, three-quarter ones 0.10 to 0.22); they sort views for
/// training-set coverage, they are not an angle measurement.
/// </summary>
public static class HeadPoses
{
    /// <summary>Largest |turn| still called frontal.</summary>
    public const double FrontalBelow = 0.06;

    /// <summary>Largest |turn| still called three-quarter.</summary>
    public const double ThreeQuarterBelow = 0.25;

    /// <summary>The signed turn, or null without the 68 landmarks.</summary>
    public static double? Turn(IReadOnlyList<FacePoint> landmarks)
    {
        ArgumentNullException.ThrowIfNull(landmarks);
        if (landmarks.Count < 68)
        {
            return null;
        }

        double left = landmarks[0].X, right = landmarks[16].X;
        double width = right - left;
        return Math.Abs(width) < 1e-6 ? null : (landmarks[30].X - ((left + right) / 2)) / width;
    }

    /// <summary>The pose band of a turn.</summary>
    public static HeadPose Of(double turn) =>
        Math.Abs(turn) < FrontalBelow ? HeadPose.Frontal : Math.Abs(turn) < ThreeQuarterBelow ? HeadPose.ThreeQuarter : HeadPose.Profile;

    /// <summary>The pose band and side of a turn, for coverage ("frontal", "three-quarter left", ...; "unknown" without one).</summary>
    public static string Label(double? turn) => turn is not { } t ? "unknown" : Of(t) switch
    {
        HeadPose.Frontal => "frontal",
        HeadPose.ThreeQuarter => t < 0 ? "three-quarter left" : "three-quarter right",
        _ => t < 0 ? "profile left" : "profile right",
    };
}
