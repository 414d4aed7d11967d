using System.Diagnostics;
using Likeness.Media.Decoding;

namespace Likeness.Media.Transcoding;

/// <summary>
/// Re-encodes a clip as WebM (VP8, no audio) through ffmpeg: a format every current browser plays in a
/// <c>&lt;video&gt;</c>, unlike the simulator's Motion-JPEG AVI. The clip goes through a private temporary folder (no
/// pipes to deadlock on), removed afterwards. The frames come out the same for the same input; the container's
/// identifiers differ from run to run.
/// </summary>
public sealed class WebmEncoder(FfmpegOptions options)
{
    /// <summary>The media type of what it makes.</summary>
    public const string ContentType = "video/webm";

    /// <summary>
    /// The clip <paramref name="clip"/> (any container and codec ffmpeg reads; <paramref name="extension"/> such as
    /// ".avi" helps it guess) as WebM bytes.
    /// </summary>
    /// <exception cref="MediaToolMissingException">ffmpeg is not installed.</exception>
    /// <exception cref="InvalidVideoException">ffmpeg could not read or encode the clip.</exception>
    public async Task<byte[]> EncodeAsync(byte[] clip, string extension, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clip);
        ArgumentException.ThrowIfNullOrWhiteSpace(extension);
        DirectoryInfo folder = Directory.CreateTempSubdirectory("likeness-webm-");
        try
        {
            string input = Path.Combine(folder.FullName, "clip" + extension), output = Path.Combine(folder.FullName, "clip.webm");
            await File.WriteAllBytesAsync(input, clip, cancellationToken).ConfigureAwait(false);
            using Process process = MediaTool.Start(options.Ffmpeg, "ffmpeg",
            [
                "-hide_banner", "-loglevel", "error", "-nostdin", "-y", "-i", VideoProbe.InputUrl(input),
                "-an", "-c:v", "libvpx", "-pix_fmt", "yuv420p", "-b:v", "1M", "-deadline", "good", "-cpu-used", "4", "-auto-alt-ref", "0", "-threads", "1",
                "-f", "webm", output,
            ]);
            try
            {
                Task<string> errors = process.StandardError.ReadToEndAsync(cancellationToken);
                Task<string> ignored = process.StandardOutput.ReadToEndAsync(cancellationToken);
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                string log = (await errors.ConfigureAwait(false)).Trim();
                await ignored.ConfigureAwait(false);
                if (process.ExitCode != 0 || !File.Exists(output))
                {
                    string reason = log.Length == 0 ? $"exit code {process.ExitCode}" : log.ReplaceLineEndings(" ");
                    throw new InvalidVideoException(VideoProblem.DecodeFailed, $"ffmpeg could not make WebM of the clip: {reason}");
                }
            }
            finally
            {
                MediaTool.Stop(process);
            }

            return await File.ReadAllBytesAsync(output, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
