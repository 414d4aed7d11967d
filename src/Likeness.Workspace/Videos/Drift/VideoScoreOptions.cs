namespace Likeness.Workspace.Videos.Drift;

/// <summary>How a clip is sampled and judged by <see cref="VideoIdentityScorer"/>.</summary>
public sealed record VideoScoreOptions
{
    /// <summary>Frames sampled each second.</summary>
    public double FramesPerSecond { get; init; } = 2;

    /// <summary>Frames are shrunk to this longer side before the face engine sees them (it looks at 608 px at most, so more only costs time).</summary>
    public int MaxSide { get; init; } = 1280;

    /// <summary>A threshold to use instead of calibrating one from the cast's references.</summary>
    public double? Threshold { get; init; }

    /// <summary>False-accept rate the calibrated threshold aims at.</summary>
    public double TargetFalseAcceptRate { get; init; } = 0.01;

    /// <summary>Shortest drift or other-character run that counts as a break.</summary>
    public TimeSpan MinBreak { get; init; } = TimeSpan.FromSeconds(0.5);
}
