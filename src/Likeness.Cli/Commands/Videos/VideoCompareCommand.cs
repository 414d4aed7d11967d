using System.CommandLine;
using System.Globalization;
using Likeness.Cli.Hosting;
using Likeness.Media.Decoding;
using Likeness.Workspace;
using Likeness.Workspace.Videos.Drift;

namespace Likeness.Cli.Commands.Videos;

/// <summary><c>likeness video compare A B -c C [--fps 2] [--threshold T] [--min-break S] [-o DIR]</c>: two clips of one character side by side.</summary>
internal static class VideoCompareCommand
{
    public static Command Create()
    {
        var first = new Argument<FileInfo>("A") { Description = "The first clip (e.g. made without LoRA references)." };
        var second = new Argument<FileInfo>("B") { Description = "The second clip (e.g. made with them)." };
        var character = new Option<string>("--character", "-c") { Description = "The character to follow through both clips.", Required = true };
        var fps = new Option<double>("--fps") { Description = "Frames sampled each second.", DefaultValueFactory = _ => 2 };
        var threshold = new Option<double?>("--threshold") { Description = "Face distance to judge by (default: calibrated from the cast's references)." };
        var minBreak = new Option<double>("--min-break") { Description = "Seconds of drift before it counts as a break.", DefaultValueFactory = _ => 0.5 };
        var output = new Option<DirectoryInfo?>("--output", "-o") { Description = "Write compare.html here." };
        var command = new Command("compare", "Compare a character's identity in two clips (seed 003: with and without LoRA references).")
        {
            first, second, character, fps, threshold, minBreak, output,
        };
        command.SetGuardedAction(async (parse, ct) =>
        {
            double seconds = parse.GetValue(minBreak);
            if (!double.IsFinite(seconds) || seconds is < 0 or > 3600)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"--min-break must be 0 to 3600 seconds (got {seconds})."));
            }

            var options = new VideoScoreOptions { FramesPerSecond = parse.GetValue(fps), Threshold = parse.GetValue(threshold), MinBreak = TimeSpan.FromSeconds(seconds) };
            _ = FrameSampling.AtRate(options.FramesPerSecond);
            using LikenessWorkspace workspace = await WorkspaceOption.OpenAsync(parse, ct).ConfigureAwait(false);
            VideoIdentityScorer scorer = workspace.VideoScorer;
            string name = parse.GetValue(character)!;
            VideoIdentityReport a = await scorer.ScoreAsync(parse.GetValue(first)!.FullName, name, options, null, ct).ConfigureAwait(false);
            VideoIdentityReport b = await scorer.ScoreAsync(parse.GetValue(second)!.FullName, name, options, null, ct).ConfigureAwait(false);
            await parse.InvocationConfiguration.Output.WriteLineAsync(DriftComparison.Summary(a, b)).ConfigureAwait(false);
            if (parse.GetValue(output) is { } folder)
            {
                folder.Create();
                string path = Path.Combine(folder.FullName, DriftComparison.Html);
                await File.WriteAllTextAsync(path, DriftComparison.ToHtml(a, b), ct).ConfigureAwait(false);
                await parse.InvocationConfiguration.Error.WriteLineAsync($"wrote {path}").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
