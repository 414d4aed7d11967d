using System.CommandLine;
using Likeness.Cli.Hosting;
using Likeness.Core.Characters;
using Likeness.Core.TrainingSets;
using Likeness.Workspace;
using Likeness.Workspace.TrainingSets;

namespace Likeness.Cli.Commands.Characters;

/// <summary><c>likeness character lint C [--provider P] [--json]</c>: the training set's score, findings, coverage and captions.</summary>
internal static class CharacterLintCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("NAME") { Description = "Name or id." };
        var provider = new Option<string?>("--provider", "-p") { Description = "Check against this trainer's limits (default: common practice)." };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON." };
        var command = new Command("lint", "Check the references as a training set: duplicates, faces, one identity, pose and light coverage, size, captions.") { name, provider, json };
        command.SetGuardedAction(async (parse, ct) =>
        {
            using LikenessWorkspace workspace = await WorkspaceOption.OpenAsync(parse, ct).ConfigureAwait(false);
            Character c = await workspace.Characters.GetAsync(parse.GetValue(name)!, ct).ConfigureAwait(false);
            TrainingSetInspection inspection = await workspace.TrainingSets.InspectReferencesAsync(c, parse.GetValue(provider), ct).ConfigureAwait(false);
            TextWriter o = parse.InvocationConfiguration.Output;
            TrainingSetReport r = inspection.Report;
            if (parse.GetValue(json))
            {
                await o.WriteLineAsync(CliJson.Serialize(new
                {
                    inspection.Character, inspection.Provider, r.Count, r.Score, r.MinimumScore, r.Passed, inspection.FacesMeasured, inspection.ThresholdSource,
                    r.Poses, r.Lighting, r.Findings, r.ToDo,
                    Images = inspection.Images.Zip(inspection.Captions, (i, caption) => new { i.Name, i.Width, i.Height, Pose = i.Face is null ? null : Core.Scoring.HeadPoses.Label(i.Turn), i.FaceLuma, caption, CaptionBy = i.Caption is null ? "likeness" : "user" }),
                })).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            await o.WriteLineAsync($"{c.Name}: {r.Count} image(s), score {r.Score} of 100 ({(r.Passed ? "at or above" : "below")} the {r.MinimumScore} a paid training needs)").ConfigureAwait(false);
            await o.WriteLineAsync($"  poses: {Counts(r.Poses)}; light: {Counts(r.Lighting)}{(inspection.FacesMeasured ? "" : " (no face engine: faces not checked)")}").ConfigureAwait(false);
            foreach (LintFinding f in r.Findings)
            {
                await o.WriteLineAsync($"  {f.Severity.ToString().ToLowerInvariant(),-8} {f.Rule,-18} {f.Description}").ConfigureAwait(false);
            }

            if (r.ToDo.Count > 0)
            {
                await o.WriteLineAsync("To do:").ConfigureAwait(false);
                foreach (string todo in r.ToDo)
                {
                    await o.WriteLineAsync($"  - {todo}").ConfigureAwait(false);
                }
            }

            await o.WriteLineAsync("Captions:").ConfigureAwait(false);
            foreach (var (image, caption) in inspection.Images.Zip(inspection.Captions))
            {
                await o.WriteLineAsync($"  {image.Name,-32} {caption}{(image.Caption is null ? "" : "  (yours)")}").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static string Counts(IReadOnlyDictionary<string, int> counts) =>
        counts.Count == 0 ? "none" : string.Join(", ", counts.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value}"));
}
