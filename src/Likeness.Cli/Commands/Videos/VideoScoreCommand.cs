using System.CommandLine;
using System.Globalization;
using Likeness.Cli.Hosting;
using Likeness.Core.Videos.Drift;
using Likeness.Media.Decoding;
using Likeness.Workspace;
using Likeness.Workspace.Videos.Drift;

namespace Likeness.Cli.Commands.Videos;

/// <summary><c>likeness video score CLIP -c C [--fps 2] [--threshold T] [--min-break S] [-o DIR] [--json]</c>.</summary>
internal static class VideoScoreCommand
{
    public static Command Create()
    {
        var clip = new Argument<FileInfo>("CLIP") { Description = "A video file FFmpeg reads (MP4, WebM, MOV, AVI...)." };
        var character = new Option<string>("--character", "-c") { Description = "The character to follow through the clip.", Required = true };
        var fps = new Option<double>("--fps") { Description = "Frames sampled each second.", DefaultValueFactory = _ => 2 };
        var threshold = new Option<double?>("--threshold") { Description = "Face distance to judge by (default: calibrated from the cast's references)." };
        var minBreak = new Option<double>("--min-break") { Description = "Seconds of drift before it counts as a break.", DefaultValueFactory = _ => 0.5 };
        var output = new Option<DirectoryInfo?>("--output", "-o") { Description = "Write drift.html and drift.json here." };
        var json = new Option<bool>("--json") { Description = "Print drift.json instead of the summary." };
        var command = new Command("score", "Follow a character through a clip: faces found, identity distance over time, and where it breaks.")
        {
            clip, character, fps, threshold, minBreak, output, json,
        };
        command.SetGuardedAction(async (parse, ct) =>
        {
            FileInfo file = parse.GetValue(clip)!;
            double seconds = parse.GetValue(minBreak);
            if (!double.IsFinite(seconds) || seconds is < 0 or > 3600)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"--min-break must be 0 to 3600 seconds (got {seconds})."));
            }

            var options = new VideoScoreOptions
            {
                FramesPerSecond = parse.GetValue(fps),
                Threshold = parse.GetValue(threshold),
                MinBreak = TimeSpan.FromSeconds(seconds),
            };
            _ = FrameSampling.AtRate(options.FramesPerSecond);
            using LikenessWorkspace workspace = await WorkspaceOption.OpenAsync(parse, ct).ConfigureAwait(false);
            VideoIdentityScorer scorer = workspace.VideoScorer;
            VideoIdentityReport report = await scorer.ScoreAsync(file.FullName, parse.GetValue(character)!, options, null, ct).ConfigureAwait(false);
            TextWriter o = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                await o.WriteLineAsync(System.Text.Encoding.UTF8.GetString(DriftFiles.ToJson(report))).ConfigureAwait(false);
            }
            else
            {
                await WriteSummaryAsync(o, report).ConfigureAwait(false);
            }

            if (parse.GetValue(output) is { } folder)
            {
                foreach (string written in await DriftFiles.WriteAsync(report, folder.FullName, ct).ConfigureAwait(false))
                {
                    await parse.InvocationConfiguration.Error.WriteLineAsync($"wrote {written}").ConfigureAwait(false);
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task WriteSummaryAsync(TextWriter o, VideoIdentityReport report)
    {
        DriftReport d = report.Drift;
        string judged = d.Threshold is { } t
            ? string.Create(CultureInfo.InvariantCulture, $"kept in {d.KeptRate * 100:0.#} % of them (τ = {t:0.000}, {report.ThresholdSource})")
            : $"not judged ({report.ThresholdSource})";
        await o.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{report.Clip}: {report.Character}, {d.Frames} frames at {report.FramesPerSecond:0.##}/s, a face in {d.DetectionRate * 100:0.#} %, {judged}; median distance {d.MedianDistance:0.000}")).ConfigureAwait(false);
        if (d.Threshold is not null)
        {
            await o.WriteLineAsync(d.Breaks.Count == 0 ? "no break" : $"{d.Breaks.Count} break{(d.Breaks.Count == 1 ? "" : "s")}:").ConfigureAwait(false);
        }

        foreach (DriftSegment s in d.Breaks.Concat(d.Gaps).OrderBy(s => s.Start))
        {
            await o.WriteLineAsync("  " + DriftFiles.Describe(s)).ConfigureAwait(false);
        }
    }
}
