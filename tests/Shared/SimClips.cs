using System.Text;

namespace Likeness.Testing;

/// <summary>
/// What the sim's clips are where a test runs: WebM (VP8) when FFmpeg is installed, so browsers play them, and the
/// Motion-JPEG AVI the sim renders otherwise.
/// </summary>
public static class SimClips
{
    /// <summary>Whether the sim's clips are WebM here.</summary>
    public static bool WebM => FfmpegFactAttribute.Installed;

    /// <summary>Their media type.</summary>
    public static string ContentType => WebM ? "video/webm" : "video/x-msvideo";

    /// <summary>The file extension a clip is written with.</summary>
    public static string Extension => WebM ? ".webm" : ".avi";

    /// <summary>Asserts that <paramref name="file"/> starts as the sim's clips do here (EBML's magic, or RIFF AVI).</summary>
    public static void AssertIsClip(byte[] file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (WebM)
        {
            Assert.Equal(new byte[] { 0x1A, 0x45, 0xDF, 0xA3 }, file[..4]);
        }
        else
        {
            Assert.Equal(("RIFF", "AVI "), (Encoding.ASCII.GetString(file, 0, 4), Encoding.ASCII.GetString(file, 8, 4)));
        }
    }
}
