using System.Globalization;

namespace Likeness.Media.Decoding;

/// <summary>Which frames of a clip are decoded: a fixed rate, the frames where the scene changes, or only the last.</summary>
public sealed record FrameSampling
{
    private FrameSampling(SamplingMode mode, double value)
    {
        Mode = mode;
        Value = value;
    }

    /// <summary>How frames are picked.</summary>
    public SamplingMode Mode { get; }

    /// <summary>Frames per second for <see cref="SamplingMode.Rate"/>, the scene score threshold for <see cref="SamplingMode.SceneChanges"/>.</summary>
    public double Value { get; }

    /// <summary><paramref name="framesPerSecond"/> frames each second of the clip (FFmpeg's fps filter: nearest frame to each tick).</summary>
    public static FrameSampling AtRate(double framesPerSecond) =>
        double.IsFinite(framesPerSecond) && framesPerSecond is > 0 and <= 120
            ? new FrameSampling(SamplingMode.Rate, framesPerSecond)
            : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The frame rate must be above 0 and at most 120 per second (got {framesPerSecond})."));

    /// <summary>The first frame and every frame whose scene-change score (0 to 1) is above <paramref name="threshold"/>.</summary>
    public static FrameSampling AtSceneChanges(double threshold = 0.3) =>
        double.IsFinite(threshold) && threshold is > 0 and < 1
            ? new FrameSampling(SamplingMode.SceneChanges, threshold)
            : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The scene threshold must be between 0 and 1 (got {threshold})."));

    /// <summary>Only the clip's last frame (a video's closing pose, reused as the next shot's start).</summary>
    public static FrameSampling LastFrame { get; } = new(SamplingMode.LastFrame, 0);

    /// <summary>The FFmpeg filter that picks the frames (null: every decoded frame).</summary>
    internal string? Filter => Mode switch
    {
        SamplingMode.Rate => "fps=" + Value.ToString("0.######", CultureInfo.InvariantCulture),
        SamplingMode.SceneChanges => $"select=eq(n\\,0)+gt(scene\\,{Value.ToString("0.######", CultureInfo.InvariantCulture)})",
        _ => null,
    };
}

/// <summary>How <see cref="FrameSampling"/> picks frames.</summary>
public enum SamplingMode
{
    /// <summary>A fixed number of frames per second.</summary>
    Rate,

    /// <summary>The first frame and scene changes.</summary>
    SceneChanges,

    /// <summary>The last frame only.</summary>
    LastFrame,
}
