using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Likeness.Media.Decoding;

/// <summary>
/// Reads a clip's facts with ffprobe and checks them against <see cref="VideoLimits"/> before any frame is
/// decoded. Every way a file can be unusable ends in an <see cref="InvalidVideoException"/> naming the problem.
/// </summary>
public sealed class VideoProbe(FfmpegOptions options)
{
    /// <summary>The clip's facts.</summary>
    /// <exception cref="InvalidVideoException">Missing, empty, not a video, audio only, truncated, or over a limit.</exception>
    /// <exception cref="MediaToolMissingException">ffprobe is not installed.</exception>
    public async Task<VideoInfo> ProbeAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new InvalidVideoException(VideoProblem.Missing, $"{path}: no such file.");
        }

        if (file.Length == 0)
        {
            throw new InvalidVideoException(VideoProblem.Empty, $"{path}: the file is empty (0 bytes).");
        }

        using Process process = MediaTool.Start(options.Ffprobe, "ffprobe", ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", InputUrl(file.FullName)]);
        try
        {
            Task<string> stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            Task<string> stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            string json = await stdout.ConfigureAwait(false);
            string errors = (await stderr.ConfigureAwait(false)).Trim();
            if (process.ExitCode != 0)
            {
                throw Unreadable(path, errors, await StartsLikeMp4Async(file, cancellationToken).ConfigureAwait(false));
            }

            VideoInfo info = Parse(path, json);
            Check(path, info, options.Limits);
            return info;
        }
        finally
        {
            MediaTool.Stop(process);
        }
    }

    /// <summary>An input URL that FFmpeg reads as a local file only, whatever the name looks like ("-x", "http:...", "concat:...").</summary>
    internal static string InputUrl(string fullPath) => "file:" + fullPath;

    internal static VideoInfo Parse(string path, string json)
    {
        using JsonDocument doc = JsonDocument.Parse(json);
        JsonElement root = doc.RootElement;
        JsonElement[] streams = root.TryGetProperty("streams", out JsonElement s) && s.ValueKind == JsonValueKind.Array ? [.. s.EnumerateArray()] : [];
        string format = root.TryGetProperty("format", out JsonElement f) && f.TryGetProperty("format_name", out JsonElement fn) ? fn.GetString() ?? "" : "";
        JsonElement? video = streams.Cast<JsonElement?>().FirstOrDefault(x => Text(x!.Value, "codec_type") == "video" && !IsCoverArt(x.Value));
        bool hasAudio = streams.Any(x => Text(x, "codec_type") == "audio");
        if (video is null)
        {
            throw hasAudio
                ? new InvalidVideoException(VideoProblem.AudioOnly, $"{path}: it has sound but no picture.")
                : new InvalidVideoException(VideoProblem.NotAVideo, $"{path}: FFmpeg finds no picture in it ({(format.Length > 0 ? format : "unknown format")}).");
        }

        JsonElement v = video.Value;
        if (format is "image2" || format.EndsWith("_pipe", StringComparison.Ordinal) || format is "png" or "webp")
        {
            throw new InvalidVideoException(VideoProblem.NotAVideo, $"{path}: a still image ({format}), not a video.");
        }

        double seconds = Number(v, "duration") ?? (f.ValueKind == JsonValueKind.Object ? Number(f, "duration") : null) ?? 0;
        return new VideoInfo
        {
            Format = format,
            Codec = Text(v, "codec_name") ?? "unknown",
            Width = (int)(Number(v, "width") ?? 0),
            Height = (int)(Number(v, "height") ?? 0),
            Rotation = RotationOf(v),
            Duration = TimeSpan.FromSeconds(seconds),
            FrameRate = Rate(Text(v, "avg_frame_rate")) is > 0 and var avg ? avg : Rate(Text(v, "r_frame_rate")),
            HasAudio = hasAudio,
        };
    }

    private static void Check(string path, VideoInfo info, VideoLimits limits)
    {
        if (info.Width <= 0 || info.Height <= 0)
        {
            throw new InvalidVideoException(VideoProblem.NotAVideo, $"{path}: the picture has no size.");
        }

        if (info.Width > limits.MaxSide || info.Height > limits.MaxSide || (long)info.Width * info.Height > limits.MaxPixels)
        {
            throw new InvalidVideoException(VideoProblem.TooLarge, $"{path}: {info.Width}x{info.Height} is larger than the limit ({limits.MaxSide} px a side, {limits.MaxPixels / 1e6:0.#} megapixels).");
        }

        if (info.Duration > limits.MaxDuration)
        {
            throw new InvalidVideoException(VideoProblem.TooLong, $"{path}: {info.Duration.TotalMinutes:0.#} minutes is longer than the limit ({limits.MaxDuration.TotalMinutes:0.#} minutes).");
        }
    }

    private static InvalidVideoException Unreadable(string path, string errors, bool startsLikeMp4)
    {
        string last = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "no detail";
        return startsLikeMp4 && errors.Contains("moov atom not found", StringComparison.Ordinal)
            ? new InvalidVideoException(VideoProblem.Truncated, $"{path}: the file is cut short (its index, the MP4 'moov' atom, is missing).")
            : new InvalidVideoException(VideoProblem.NotAVideo, $"{path}: FFmpeg cannot read it as a video ({Clean(last)}).");
    }

    /// <summary>An MP4/QuickTime file opens with an 'ftyp' box; text named ".mp4" also lacks a 'moov' but is no cut clip.</summary>
    private static async Task<bool> StartsLikeMp4Async(FileInfo file, CancellationToken cancellationToken)
    {
        byte[] head = new byte[8];
        await using FileStream stream = file.OpenRead();
        int read = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        return read == head.Length && head.AsSpan(4).SequenceEqual("ftyp"u8);
    }

    /// <summary>FFmpeg's message without the "[file:/path @ 0x...]" prefix.</summary>
    private static string Clean(string line)
    {
        int end = line.StartsWith('[') ? line.IndexOf("] ", StringComparison.Ordinal) : -1;
        return end > 0 ? line[(end + 2)..] : line;
    }

    /// <summary>An attached picture (cover art in an audio file) is not a video stream.</summary>
    private static bool IsCoverArt(JsonElement stream) =>
        stream.TryGetProperty("disposition", out JsonElement d) && d.TryGetProperty("attached_pic", out JsonElement a) && a.ValueKind == JsonValueKind.Number && a.GetInt32() == 1;

    /// <summary>The clockwise rotation a player applies: the display matrix's side data (degrees counter-clockwise) or an old "rotate" tag.</summary>
    private static int RotationOf(JsonElement stream)
    {
        double? degrees = null;
        if (stream.TryGetProperty("side_data_list", out JsonElement list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement side in list.EnumerateArray())
            {
                if (Number(side, "rotation") is { } r)
                {
                    degrees = -r;
                }
            }
        }

        if (degrees is null && stream.TryGetProperty("tags", out JsonElement tags) && Number(tags, "rotate") is { } tag)
        {
            degrees = tag;
        }

        int rounded = (int)Math.Round((degrees ?? 0) / 90.0) * 90;
        return ((rounded % 360) + 360) % 360;
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out JsonElement p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

    private static double? Number(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out JsonElement p))
        {
            return null;
        }

        return p.ValueKind switch
        {
            JsonValueKind.Number => p.GetDouble(),
            JsonValueKind.String when double.TryParse(p.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out double d) => d,
            _ => null,
        };
    }

    private static double Rate(string? fraction)
    {
        string[] parts = (fraction ?? "").Split('/');
        return parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double n)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && d > 0
            ? n / d
            : 0;
    }
}
