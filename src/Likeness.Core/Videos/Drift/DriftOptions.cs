namespace Likeness.Core.Videos.Drift;

/// <summary>How a clip's per-frame identity is judged.</summary>
public sealed record DriftOptions
{
    /// <summary>Mean face distance at or under which a frame keeps the character (the calibrated threshold); null: distances only, no verdicts.</summary>
    public double? Threshold { get; init; }

    /// <summary>A drifted or other-character run shorter than this is not called a break (a blink, a turn of the head).</summary>
    public TimeSpan MinBreak { get; init; } = TimeSpan.FromSeconds(0.5);

    /// <summary>Frames with a face in the rolling median (centred).</summary>
    public int RollingWindow { get; init; } = 5;

    /// <summary>How many of the farthest frames to list.</summary>
    public int WorstFrames { get; init; } = 5;

    /// <summary>Checks the values.</summary>
    public void Validate()
    {
        if (Threshold is { } t && (!double.IsFinite(t) || t <= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(Threshold), t, "The threshold must be a positive distance.");
        }

        if (MinBreak < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(MinBreak), MinBreak, "The shortest break cannot be negative.");
        }

        if (RollingWindow is < 1 or > 101 || WorstFrames is < 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(RollingWindow), "The rolling window must be 1 to 101 frames and the worst-frame list 0 to 100.");
        }
    }
}
