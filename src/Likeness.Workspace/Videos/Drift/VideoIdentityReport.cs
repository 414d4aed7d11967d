using Likeness.Core.Studies.Calibration;
using Likeness.Core.Videos.Drift;
using Likeness.Media.Decoding;

namespace Likeness.Workspace.Videos.Drift;

/// <summary>A clip's identity over time for one character, with where the threshold came from.</summary>
public sealed record VideoIdentityReport
{
    /// <summary>The clip's file name.</summary>
    public required string Clip { get; init; }

    /// <summary>What ffprobe said of it.</summary>
    public required VideoInfo Video { get; init; }

    /// <summary>The character's name.</summary>
    public required string Character { get; init; }

    /// <summary>The face engine that described the frames and the references.</summary>
    public required string FaceAnalyzer { get; init; }

    /// <summary>Frames sampled each second.</summary>
    public required double FramesPerSecond { get; init; }

    /// <summary>The calibration the threshold came from (null when one was given).</summary>
    public ThresholdCalibration? Calibration { get; init; }

    /// <summary>"given", "calibrated", or "not calibrated: why" (then no verdicts).</summary>
    public required string ThresholdSource { get; init; }

    /// <summary>The frames, the breaks and the gaps.</summary>
    public required DriftReport Drift { get; init; }
}
