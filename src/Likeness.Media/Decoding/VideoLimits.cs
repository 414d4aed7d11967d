namespace Likeness.Media.Decoding;

/// <summary>
/// What a clip may be before any frame is decoded: checked on the probe, so a 4-hour or 16K file is refused
/// at once instead of being streamed for minutes.
/// </summary>
public sealed record VideoLimits
{
    /// <summary>The defaults: 30 minutes, 8192 px a side, 40 megapixels a frame.</summary>
    public static VideoLimits Default { get; } = new();

    /// <summary>Longest clip accepted.</summary>
    public TimeSpan MaxDuration { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Widest or tallest frame accepted, in pixels.</summary>
    public int MaxSide { get; init; } = 8192;

    /// <summary>Largest frame accepted, in pixels.</summary>
    public long MaxPixels { get; init; } = 40_000_000;
}
