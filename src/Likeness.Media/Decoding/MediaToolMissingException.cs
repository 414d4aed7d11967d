namespace Likeness.Media.Decoding;

/// <summary>ffmpeg or ffprobe is not installed where <see cref="FfmpegOptions"/> look for it.</summary>
public sealed class MediaToolMissingException(string tool, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>"ffmpeg" or "ffprobe".</summary>
    public string Tool { get; } = tool;
}
