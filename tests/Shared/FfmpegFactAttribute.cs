namespace Likeness.Testing;

/// <summary>
/// A fact that needs FFmpeg (ffmpeg and ffprobe on the PATH). Where they are missing it is reported as skipped
/// with the reason, unless <c>LIKENESS_REQUIRE_FFMPEG=1</c> (CI installs FFmpeg and sets it), where it runs and fails.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class FfmpegFactAttribute : FactAttribute
{
    private static readonly Lazy<bool> Present = new(() => CommandLineTool.TryRun("ffmpeg", "-version") && CommandLineTool.TryRun("ffprobe", "-version"));

    /// <summary>Whether ffmpeg and ffprobe run here.</summary>
    public static bool Installed => Present.Value;

    /// <summary>Skips when FFmpeg is missing and not required.</summary>
    public FfmpegFactAttribute()
    {
        if (!Present.Value && Environment.GetEnvironmentVariable("LIKENESS_REQUIRE_FFMPEG") != "1")
        {
            Skip = "FFmpeg is not installed (apt-get install ffmpeg): this test did not run.";
        }
    }
}

/// <summary>Runs FFmpeg's tools for tests: makes clips and reads them independently of the code under test.</summary>
public static class Ffmpeg
{
    /// <summary>Runs <paramref name="tool"/> and returns stdout and stderr; throws with stderr when it fails.</summary>
    public static string Run(string tool, params string[] arguments) => CommandLineTool.Run(tool, arguments);
}
