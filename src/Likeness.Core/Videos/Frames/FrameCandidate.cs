using Likeness.Core.Scoring;

namespace Likeness.Core.Videos.Frames;

/// <summary>
/// One sampled frame measured for a training set: its identity (as <see cref="Drift.FrameIdentity"/>), how large and
/// how sharp and well exposed the face is, which way the head turns, and a difference hash to catch near-duplicates.
/// </summary>
public sealed record FrameCandidate
{
    /// <summary>Presentation time in the clip.</summary>
    public required TimeSpan Time { get; init; }

    /// <summary>The frame's identity against the character and the other cast members.</summary>
    public required Drift.FrameIdentity Identity { get; init; }

    /// <summary>The largest face's height as a share of the frame's height (0 without a face).</summary>
    public double FaceHeightFraction { get; init; }

    /// <summary>Variance of the Laplacian over the face (0 without a face).</summary>
    public double Sharpness { get; init; }

    /// <summary>Mean luma of the face, 0 to 255.</summary>
    public double MeanLuma { get; init; }

    /// <summary>Share of the face's pixels crushed or blown.</summary>
    public double ClippedFraction { get; init; }

    /// <summary>The head's signed turn (<see cref="HeadPoses.Turn"/>), when landmarks were found.</summary>
    public double? Turn { get; init; }

    /// <summary>Difference hash of the whole frame.</summary>
    public ulong Fingerprint { get; init; }

    /// <summary>The pose band and side, for coverage ("frontal", "three-quarter left", ...).</summary>
    public string PoseLabel => HeadPoses.Label(Turn);

    /// <summary>The lighting band of the face: dark under 90, bright over 150.</summary>
    public string LightLabel => FaceLighting.Label(MeanLuma);
}
