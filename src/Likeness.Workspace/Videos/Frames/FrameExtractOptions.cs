namespace Likeness.Workspace.Videos.Frames;

/// <summary>How <see cref="TrainingFrameExtractor"/> samples a clip and what it keeps.</summary>
public sealed record FrameExtractOptions
{
    /// <summary>Frames sampled each second.</summary>
    public double FramesPerSecond { get; init; } = 2;

    /// <summary>Frames are decoded at most this large (the longer side); a training image gains nothing past it.</summary>
    public int MaxSide { get; init; } = 1536;

    /// <summary>Most frames to keep.</summary>
    public int Max { get; init; } = 15;

    /// <summary>A threshold to use instead of the calibrated one.</summary>
    public double? Threshold { get; init; }

    /// <summary>False-accept rate the calibrated threshold aims at.</summary>
    public double TargetFalseAcceptRate { get; init; } = 0.01;
}
