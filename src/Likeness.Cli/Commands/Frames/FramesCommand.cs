using System.CommandLine;
using System.Globalization;
using Likeness.Cli.Hosting;
using Likeness.Core.References;
using Likeness.Core.Videos.Frames;
using Likeness.Media.Decoding;
using Likeness.Workspace;
using Likeness.Workspace.Videos.Frames;

namespace Likeness.Cli.Commands.Frames;

/// <summary><c>likeness frames extract CLIP -c C [--max K] [--fps F] [--threshold T] [--add] [-o DIR]</c>.</summary>
internal static class FramesCommand
{
    public static Command Create()
    {
        var clip = new Argument<FileInfo>("CLIP") { Description = "A video file FFmpeg reads." };
        var character = new Option<string>("--character", "-c") { Description = "The character whose frames to pick.", Required = true };
        var max = new Option<int>("--max") { Description = "Most frames to choose.", DefaultValueFactory = _ => 15 };
        var fps = new Option<double>("--fps") { Description = "Frames sampled each second.", DefaultValueFactory = _ => 2 };
        var threshold = new Option<double?>("--threshold") { Description = "Face distance to judge by (default: calibrated from the cast's references)." };
        var add = new Option<bool>("--add") { Description = "Add the chosen frames to the character's references (checked as any upload)." };
        var output = new Option<DirectoryInfo?>("--output", "-o") { Description = "Write frames.html (the contact sheet) and the chosen frames here." };
        var extract = new Command("extract", "Pick training frames of a character from a clip: the right person only, sharp, no duplicates, varied in pose and light.")
        {
            clip, character, max, fps, threshold, add, output,
        };
        extract.SetGuardedAction(async (parse, ct) =>
        {
            var options = new FrameExtractOptions { Max = parse.GetValue(max), FramesPerSecond = parse.GetValue(fps), Threshold = parse.GetValue(threshold) };
            _ = FrameSampling.AtRate(options.FramesPerSecond);
            if (options.Max is < 1 or > 200)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"--max takes 1 to 200 frames (got {options.Max})."));
            }

            using LikenessWorkspace workspace = await WorkspaceOption.OpenAsync(parse, ct).ConfigureAwait(false);
            var extractor = new TrainingFrameExtractor(workspace, new VideoFrameReader(FfmpegOptions.FromEnvironment()));
            FrameExtraction extraction = await extractor.ExtractAsync(parse.GetValue(clip)!.FullName, parse.GetValue(character)!, options, ct).ConfigureAwait(false);
            TextWriter o = parse.InvocationConfiguration.Output;
            FrameSelection s = extraction.Selection;
            await o.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{extraction.Clip}: {s.Chosen.Count} of {extraction.Frames.Count} frames chosen for {extraction.Character}, {s.PosesCovered} pose band(s) (τ = {extraction.Threshold:0.000}, {extraction.ThresholdSource})")).ConfigureAwait(false);
            foreach (FrameCandidate c in s.Chosen)
            {
                await o.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {c.Time.TotalSeconds,7:0.00} s  distance {c.Identity.Distance:0.000}  {c.PoseLabel}, {c.LightLabel}")).ConfigureAwait(false);
            }

            foreach (var group in s.Rejected.GroupBy(r => r.Reason).OrderBy(g => g.Key))
            {
                await o.WriteLineAsync($"  left out, {FrameSheet.Describe(group.Key)}: {group.Count()}").ConfigureAwait(false);
            }

            if (parse.GetValue(output) is { } folder)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"wrote {await FrameSheet.WriteAsync(extraction, folder.FullName, ct).ConfigureAwait(false)}").ConfigureAwait(false);
            }

            if (parse.GetValue(add) && s.Chosen.Count > 0)
            {
                ReferenceCheckReport report = await extractor.AddAsync(extraction, ct).ConfigureAwait(false);
                foreach (ReferenceFinding finding in report.Findings)
                {
                    await parse.InvocationConfiguration.Error.WriteLineAsync($"{finding.Severity.ToString().ToLowerInvariant()}: {finding.Message}").ConfigureAwait(false);
                }

                if (!report.Passed)
                {
                    await parse.InvocationConfiguration.Error.WriteLineAsync($"likeness: nothing was added to {extraction.Character}: the reference checks refused the frames above.").ConfigureAwait(false);
                    return ExitCodes.BadInput;
                }

                await o.WriteLineAsync($"added {s.Chosen.Count} reference(s) to {extraction.Character}").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        return new Command("frames", "Work with frames of video clips.") { extract };
    }
}
