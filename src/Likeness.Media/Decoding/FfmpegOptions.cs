namespace Likeness.Media.Decoding;

/// <summary>
/// Where ffmpeg and ffprobe are (Debian: <c>apt-get install ffmpeg</c>). A bare name is looked up on the PATH;
/// <c>LIKENESS_FFMPEG</c> / <c>LIKENESS_FFPROBE</c> name other builds.
/// </summary>
public sealed record FfmpegOptions
{
    /// <summary>Environment variable naming the ffmpeg executable.</summary>
    public const string FfmpegVariable = "LIKENESS_FFMPEG";

    /// <summary>Environment variable naming the ffprobe executable.</summary>
    public const string FfprobeVariable = "LIKENESS_FFPROBE";

    /// <summary>The ffmpeg executable.</summary>
    public string Ffmpeg { get; init; } = "ffmpeg";

    /// <summary>The ffprobe executable.</summary>
    public string Ffprobe { get; init; } = "ffprobe";

    /// <summary>Limits checked before decoding.</summary>
    public VideoLimits Limits { get; init; } = VideoLimits.Default;

    /// <summary>The defaults with the environment's overrides.</summary>
    public static FfmpegOptions FromEnvironment() => new()
    {
        Ffmpeg = Environment.GetEnvironmentVariable(FfmpegVariable) is { Length: > 0 } f ? f : "ffmpeg",
        Ffprobe = Environment.GetEnvironmentVariable(FfprobeVariable) is { Length: > 0 } p ? p : "ffprobe",
    };
}
