using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Likeness.Imaging;

namespace Likeness.Media.Decoding;

/// <summary>
/// Streams a clip's frames from FFmpeg as raw RGB, one frame in memory at a time, each paired with its
/// presentation time (FFmpeg's showinfo filter reports it on stderr in frame order). The display matrix is
/// applied (phone clips come out upright), and frames can be shrunk on the way out so a 4K clip costs what
/// the analysis needs. The clip is probed and checked against the limits first.
/// </summary>
public sealed class VideoFrameReader(FfmpegOptions options)
{
    private const int KeptErrorLines = 4;

    /// <summary>Probes a clip (see <see cref="VideoProbe"/>).</summary>
    public Task<VideoInfo> ProbeAsync(string path, CancellationToken cancellationToken = default) =>
        new VideoProbe(options).ProbeAsync(path, cancellationToken);

    /// <summary>
    /// The sampled frames in order. <paramref name="maxSide"/> shrinks frames whose longer side is larger
    /// (aspect kept). Stopping the enumeration early stops FFmpeg.
    /// </summary>
    /// <exception cref="InvalidVideoException">The clip cannot be used (probe) or FFmpeg failed while decoding it.</exception>
    /// <exception cref="MediaToolMissingException">ffmpeg or ffprobe is not installed.</exception>
    public async IAsyncEnumerable<VideoFrame> ReadAsync(
        string path, FrameSampling sampling, int? maxSide = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sampling);
        if (maxSide is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxSide), maxSide, "The largest side must be positive.");
        }

        VideoInfo info = await ProbeAsync(path, cancellationToken).ConfigureAwait(false);
        (int width, int height) = OutputSize(info, maxSide);
        int frameBytes = width * height * 3;
        using Process process = MediaTool.Start(options.Ffmpeg, "ffmpeg", Arguments(Path.GetFullPath(path), sampling, width, height));
        var times = Channel.CreateUnbounded<TimeSpan>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var errors = new Queue<string>();
        Task stderr = ReadTimesAsync(process.StandardError, times.Writer, errors);
        VideoFrame? held = null;
        int index = 0;
        try
        {
            Stream stdout = process.StandardOutput.BaseStream;
            byte[] buffer = new byte[frameBytes];
            while (await ReadFrameAsync(stdout, buffer, cancellationToken).ConfigureAwait(false))
            {
                if (!await times.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false) || !times.Reader.TryRead(out TimeSpan time))
                {
                    throw new InvalidVideoException(VideoProblem.DecodeFailed, $"{path}: FFmpeg gave a frame without its time.");
                }

                var frame = new VideoFrame(index++, time, Image.FromPixels(width, height, PixelFormat.Rgb24, buffer));
                if (sampling.Mode == SamplingMode.LastFrame)
                {
                    held?.Dispose();
                    held = frame;
                    continue;
                }

                yield return frame;
            }

            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            await stderr.ConfigureAwait(false);
            if (process.ExitCode != 0 || index == 0)
            {
                string detail;
                lock (errors)
                {
                    detail = errors.Count > 0 ? string.Join("; ", errors) : $"exit code {process.ExitCode}";
                }

                throw new InvalidVideoException(VideoProblem.DecodeFailed, $"{path}: FFmpeg could not decode {(index == 0 ? "any frame" : "the whole clip")} ({detail}).");
            }

            if (held is not null)
            {
                VideoFrame last = new(0, held.Time, held.Image);
                held = null;
                yield return last;
            }
        }
        finally
        {
            held?.Dispose();
            MediaTool.Stop(process);
        }
    }

    /// <summary>The size frames come out at: the display size, shrunk to <paramref name="maxSide"/> when larger.</summary>
    internal static (int Width, int Height) OutputSize(VideoInfo info, int? maxSide)
    {
        int w = info.DisplayWidth, h = info.DisplayHeight;
        int longer = Math.Max(w, h);
        if (maxSide is not { } cap || longer <= cap)
        {
            return (w, h);
        }

        double k = (double)cap / longer;
        return (Math.Max(1, (int)Math.Round(w * k)), Math.Max(1, (int)Math.Round(h * k)));
    }

    private static List<string> Arguments(string fullPath, FrameSampling sampling, int width, int height)
    {
        var args = new List<string> { "-hide_banner", "-nostdin", "-nostats", "-loglevel", "info" };
        if (sampling.Mode == SamplingMode.LastFrame)
        {
            // Seek near the end and keep the source times, so the last frame carries its real time.
            args.AddRange(["-sseof", "-3", "-copyts"]);
        }

        args.AddRange(["-i", VideoProbe.InputUrl(fullPath), "-map", "0:v:0", "-an", "-sn", "-dn"]);
        string scale = string.Create(CultureInfo.InvariantCulture, $"scale={width}:{height}");
        args.AddRange(["-vf", string.Join(',', new[] { sampling.Filter, scale, "showinfo" }.Where(f => f is not null))]);
        if (sampling.Mode != SamplingMode.Rate)
        {
            args.AddRange(["-fps_mode", "vfr"]);
        }

        args.AddRange(["-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1"]);
        return args;
    }

    /// <summary>Fills <paramref name="buffer"/> with one frame; false at the end of the stream, an error on a partial frame.</summary>
    private static async Task<bool> ReadFrameAsync(Stream stdout, byte[] buffer, CancellationToken cancellationToken)
    {
        int read = await stdout.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            return false;
        }

        return read == buffer.Length
            ? true
            : throw new InvalidVideoException(VideoProblem.DecodeFailed, $"FFmpeg stopped in the middle of a frame ({read} of {buffer.Length} bytes).");
    }

    /// <summary>Reads FFmpeg's log: showinfo's <c>pts_time:</c> of each frame to the channel, the last other lines kept for errors.</summary>
    private static async Task ReadTimesAsync(StreamReader stderr, ChannelWriter<TimeSpan> times, Queue<string> errors)
    {
        try
        {
            while (await stderr.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                if (line.Contains("Parsed_showinfo", StringComparison.Ordinal))
                {
                    if (PtsTime(line) is { } seconds)
                    {
                        times.TryWrite(TimeSpan.FromSeconds(seconds));
                    }

                    continue;
                }

                lock (errors)
                {
                    errors.Enqueue(line.Trim());
                    if (errors.Count > KeptErrorLines)
                    {
                        errors.Dequeue();
                    }
                }
            }
        }
        finally
        {
            times.TryComplete();
        }
    }

    internal static double? PtsTime(string line)
    {
        int at = line.IndexOf("pts_time:", StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        ReadOnlySpan<char> rest = line.AsSpan(at + "pts_time:".Length).TrimStart();
        int end = rest.IndexOf(' ');
        ReadOnlySpan<char> number = end < 0 ? rest : rest[..end];
        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double s) ? s : null;
    }
}
