namespace Likeness.Core.Videos.Drift;

/// <summary>A run of consecutive sampled frames with one verdict other than <see cref="FrameVerdict.Kept"/>, from its first frame's time to the end of its last frame's sample interval.</summary>
public sealed record DriftSegment(FrameVerdict Verdict, TimeSpan Start, TimeSpan End, int Frames, string? OtherCharacter = null)
{
    /// <summary>How long the run lasts.</summary>
    public TimeSpan Duration => End - Start;
}
