namespace Likeness.Core.Videos.Drift;

/// <summary>A clip's identity over time: detection, distances with their rolling median, and the runs where the character is lost.</summary>
public sealed record DriftReport
{
    /// <summary>The threshold the verdicts used (null: none, so no verdicts and no breaks).</summary>
    public double? Threshold { get; init; }

    /// <summary>Frames sampled.</summary>
    public required int Frames { get; init; }

    /// <summary>Frames with a face.</summary>
    public required int FacesFound { get; init; }

    /// <summary>Share of frames with a face (0 for no frame).</summary>
    public double DetectionRate => Frames == 0 ? 0 : (double)FacesFound / Frames;

    /// <summary>Share of frames with a face that keep the character (null without a threshold or a face).</summary>
    public double? KeptRate { get; init; }

    /// <summary>Mean of the per-frame distances.</summary>
    public double? MeanDistance { get; init; }

    /// <summary>Median of the per-frame distances.</summary>
    public double? MedianDistance { get; init; }

    /// <summary>Every sampled frame in order, with its verdict and the rolling median at it.</summary>
    public required IReadOnlyList<DriftPoint> Points { get; init; }

    /// <summary>Runs where the face drifted or another cast member took the frame, at least <see cref="DriftOptions.MinBreak"/> long.</summary>
    public required IReadOnlyList<DriftSegment> Breaks { get; init; }

    /// <summary>Runs with no face at least <see cref="DriftOptions.MinBreak"/> long (cut-aways, darkness): not breaks, but not evidence either.</summary>
    public required IReadOnlyList<DriftSegment> Gaps { get; init; }

    /// <summary>The frames farthest from the character, farthest first.</summary>
    public required IReadOnlyList<DriftPoint> Worst { get; init; }
}

/// <summary>One sampled frame in a <see cref="DriftReport"/>.</summary>
public sealed record DriftPoint(FrameIdentity Frame, FrameVerdict? Verdict, double? RollingMedian);
