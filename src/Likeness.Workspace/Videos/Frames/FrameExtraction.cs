using Likeness.Core.Videos.Frames;

namespace Likeness.Workspace.Videos.Frames;

/// <summary>What <see cref="TrainingFrameExtractor"/> found in a clip: every frame, the selection, and the threshold used.</summary>
public sealed record FrameExtraction
{
    /// <summary>The clip's file name.</summary>
    public required string Clip { get; init; }

    /// <summary>The character's name.</summary>
    public required string Character { get; init; }

    /// <summary>The identity threshold the frames were judged by.</summary>
    public required double Threshold { get; init; }

    /// <summary>"given" or "calibrated".</summary>
    public required string ThresholdSource { get; init; }

    /// <summary>Every sampled frame, in time order.</summary>
    public required IReadOnlyList<ExtractedFrame> Frames { get; init; }

    /// <summary>The chosen frames and why the others were left out.</summary>
    public required FrameSelection Selection { get; init; }

    /// <summary>The extracted frame of a candidate.</summary>
    public ExtractedFrame Of(FrameCandidate candidate) => Frames.First(f => ReferenceEquals(f.Candidate, candidate));
}
