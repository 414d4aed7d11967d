using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Likeness.Cli.Commands.Faces;
using Likeness.Cli.Hosting;
using Likeness.Inference.Faces;
using Likeness.Media.Decoding;

namespace Likeness.Cli.Commands.Bench;

/// <summary>
/// <c>likeness bench video [--minutes 10] [--photo FILE] [--fps 2] [--threads 2] [--json]</c>: makes a 1080p 25 fps H.264 clip (a 10 s segment repeated by stream copy)
/// with FFmpeg in a temporary folder (FFmpeg's testsrc2 pattern, or a still photo so every frame has a face), scans it
/// as <c>video score</c> does (frames streamed at the rate, shrunk to 1280 px, each through the face engine), and reports
/// the speed against real time and this process's peak working set; the clip is deleted afterwards.
/// </summary>
internal static class BenchVideoCommand
{
    public static Command Create()
    {
        var minutes = new Option<double>("--minutes") { Description = "Length of the clip.", DefaultValueFactory = _ => 10 };
        var photo = new Option<FileInfo?>("--photo") { Description = "Make the clip from this still (faces in every frame) instead of testsrc2." };
        var fps = new Option<double>("--fps") { Description = "Frames scanned each second of clip.", DefaultValueFactory = _ => 2 };
        var threads = new Option<int>("--threads") { Description = "Face engine threads (0 = every core).", DefaultValueFactory = _ => 2 };
        var json = new Option<bool>("--json") { Description = "Print one line of JSON." };
        var shared = new FaceCliOptions();
        var command = new Command("video", "Time scanning a generated 1080p clip with the face engine (speed against real time, peak memory).") { minutes, photo, fps, threads, json };
        shared.AddTo(command, withAlignment: false);
        command.SetGuardedAction(async (parse, ct) =>
        {
            double length = parse.GetValue(minutes);
            if (!double.IsFinite(length) || length is <= 0 or > 30 || parse.GetValue(threads) < 0)
            {
                throw new CliUsageException("--minutes must be above 0 and at most 30, --threads ≥ 0.");
            }

            FaceAnalyzer analyzer = shared.CreateAnalyzer(parse, parse.GetValue(threads));
            string folder = Directory.CreateTempSubdirectory("likeness-bench-video-").FullName;
            try
            {
                string clip = Path.Combine(folder, "bench.mp4");
                long t0 = Stopwatch.GetTimestamp();
                await MakeClipAsync(clip, length * 60, parse.GetValue(photo)?.FullName, ct).ConfigureAwait(false);
                double makeSeconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
                var reader = new VideoFrameReader(FfmpegOptions.FromEnvironment());
                VideoInfo info = await reader.ProbeAsync(clip, ct).ConfigureAwait(false);
                int frames = 0, withFace = 0;
                long t1 = Stopwatch.GetTimestamp();
                await foreach (VideoFrame frame in reader.ReadAsync(clip, FrameSampling.AtRate(parse.GetValue(fps)), 1280, ct).ConfigureAwait(false))
                {
                    using (frame)
                    {
                        withFace += analyzer.Analyze(frame.Image).Count > 0 ? 1 : 0;
                        frames++;
                    }
                }

                double scanSeconds = Stopwatch.GetElapsedTime(t1).TotalSeconds;
                using var self = Process.GetCurrentProcess();
                var result = new
                {
                    ClipSeconds = info.Duration.TotalSeconds,
                    Width = info.Width,
                    Height = info.Height,
                    Source = parse.GetValue(photo)?.Name ?? "testsrc2",
                    MakeSeconds = makeSeconds,
                    Frames = frames,
                    FramesWithFace = withFace,
                    ScanSeconds = scanSeconds,
                    RealTimeRatio = info.Duration.TotalSeconds / scanSeconds,
                    PeakWorkingSetMiB = self.PeakWorkingSet64 / (1024.0 * 1024),
                    Threads = parse.GetValue(threads),
                };
                TextWriter o = parse.InvocationConfiguration.Output;
                await o.WriteLineAsync(parse.GetValue(json) ? CliJson.Serialize(result) : string.Create(CultureInfo.InvariantCulture,
                    $"{result.ClipSeconds:0} s {result.Width}x{result.Height} clip ({result.Source}, made in {makeSeconds:0} s): {frames} frames scanned ({withFace} with a face) in {scanSeconds:0.0} s with {result.Threads} thread(s): {result.RealTimeRatio:0.00}x real time; peak working set {result.PeakWorkingSetMiB:0} MiB (this process; FFmpeg runs beside it)")).ConfigureAwait(false);
                return ExitCodes.Success;
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        });
        return command;
    }

    // A segment of at most 10 s is encoded, then repeated by stream copy: the clip decodes like any 1080p H.264 stream
    // of that length, but making it costs seconds rather than the minutes encoding every frame would take.
    private const double SegmentSeconds = 10;

    private static async Task MakeClipAsync(string path, double seconds, string? photo, CancellationToken cancellationToken)
    {
        string folder = Path.GetDirectoryName(path)!;
        string segment = Path.Combine(folder, "segment.mp4");
        string duration = Math.Min(seconds, SegmentSeconds).ToString("0.###", CultureInfo.InvariantCulture);
        string[] input = photo is null
            ? ["-f", "lavfi", "-i", $"testsrc2=size=1920x1080:rate=25:duration={duration}"]
            : ["-loop", "1", "-framerate", "25", "-t", duration, "-i", "file:" + photo, "-vf", "scale=1920:1080:force_original_aspect_ratio=decrease,pad=1920:1080:(ow-iw)/2:(oh-ih)/2"];
        await FfmpegAsync([.. input, "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "file:" + segment], cancellationToken).ConfigureAwait(false);
        int copies = (int)Math.Ceiling(seconds / SegmentSeconds);
        string list = Path.Combine(folder, "segments.txt");
        await File.WriteAllLinesAsync(list, Enumerable.Repeat("file 'segment.mp4'", copies), cancellationToken).ConfigureAwait(false);
        await FfmpegAsync(["-f", "concat", "-safe", "0", "-i", "file:" + list, "-t", seconds.ToString("0.###", CultureInfo.InvariantCulture), "-c", "copy", "file:" + path], cancellationToken).ConfigureAwait(false);
        File.Delete(segment);
    }

    private static async Task FfmpegAsync(string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(FfmpegOptions.FromEnvironment().Ffmpeg) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string a in (string[])["-v", "error", "-y", .. arguments])
        {
            start.ArgumentList.Add(a);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new MediaToolMissingException("ffmpeg", "ffmpeg could not be started.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new MediaToolMissingException("ffmpeg", $"ffmpeg was not found ({start.FileName}); install it (apt-get install ffmpeg) or set {FfmpegOptions.FfmpegVariable}.", ex);
        }

        using Process _ = process;
        Task<string> errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new IOException($"ffmpeg could not make the benchmark clip: {(await errors.ConfigureAwait(false)).Trim()}");
        }
    }
}
