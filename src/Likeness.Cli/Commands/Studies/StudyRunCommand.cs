using System.CommandLine;
using Likeness.Cli.Hosting;
using Likeness.Core.Studies;
using Likeness.Core.Studies.Videos;
using Likeness.Workspace;
using Likeness.Workspace.Paths;
using Likeness.Workspace.Studies;
using Likeness.Workspace.Studies.Definition;

namespace Likeness.Cli.Commands.Studies;

/// <summary><c>likeness study run FILE [--out DIR] [--no-cache] [--clip-model DIR] [--allow-path DIR]...</c>.</summary>
internal static class StudyRunCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The study file (YAML or JSON; see docs/studies.md)." };
        var output = new Option<DirectoryInfo?>("--output", "-o") { Description = "The study folder (default: ./studies/NAME)." };
        var noCache = new Option<bool>("--no-cache") { Description = "Call the providers again even for shots already made (they are paid again)." };
        var clipModel = new Option<DirectoryInfo?>("--clip-model") { Description = "A CLIP model folder for CLIP-I and CLIP-T (default: the installed one; without one those columns stay empty)." };
        var allow = new Option<DirectoryInfo[]>("--allow-path") { Description = "A folder the study file's cast may be in besides the file's own folder and the home (repeatable)." };
        var command = new Command("run", "Run a study: identities, every scenario and variation at every provider, scores, results.csv/json and report.html. A re-run only does what is missing.")
        {
            file,
            output,
            noCache,
            clipModel,
            allow,
        };
        command.SetGuardedAction(async (parse, ct) =>
        {
            TextWriter o = parse.InvocationConfiguration.Output;
            FileInfo path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                throw new CliUsageException($"No study file {path.FullName}.");
            }

            // Paths in the file may only point into its folder, the home and folders typed here.
            var roots = new PathRoots([WorkspaceOption.HomeOf(parse), .. (parse.GetValue(allow) ?? []).Select(d => d.FullName)]);
            StudyDefinition study = await StudyFile.LoadAsync(path.FullName, roots, ct).ConfigureAwait(false);
            string folder = parse.GetValue(output)?.FullName ?? Path.GetFullPath(Path.Combine("studies", Slug(study.Name)));
            using LikenessWorkspace workspace = await WorkspaceOption.OpenAsync(parse, parse.GetValue(clipModel)?.FullName ?? string.Empty, ct).ConfigureAwait(false);
            var log = new SyncProgress<string>(line => o.WriteLine(line));
            StudyRunSummary summary = await StudyProgressDisplay.RunAsync(
                o, progress => new StudyRunner(workspace).RunAsync(study, folder, !parse.GetValue(noCache), progress, log, cancellationToken: ct)).ConfigureAwait(false);
            await o.WriteLineAsync($"{summary.Results.Shots.Count} shots: {summary.FromCache} from the cache (no provider call), {summary.New} new, {summary.Failed} failed{(summary.Moderated > 0 ? $", {summary.Moderated} filtered by the provider's moderation" : "")}.").ConfigureAwait(false);
            await o.WriteLineAsync(summary.CalibrationLine).ConfigureAwait(false);
            IReadOnlyList<StudyVideoResult> clips = summary.Results.Videos;
            int failedClips = clips.Count(v => v.Status != StudyStatuses.Succeeded);
            if (clips.Count > 0)
            {
                await o.WriteLineAsync($"{clips.Count} clip(s): {clips.Count - failedClips} made, {failedClips} failed, ${clips.Sum(v => v.CostUsd):0.00##}.").ConfigureAwait(false);
            }

            await o.WriteLineAsync($"Wrote {Path.Combine(folder, "report.html")}, results.csv{(clips.Count > 0 ? ", videos.csv" : "")} and results.json.").ConfigureAwait(false);
            if (summary.Failed > 0)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"likeness: {summary.Failed} of {summary.Results.Shots.Count} shot(s) failed; their rows in results.csv say why.").ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            if (failedClips > 0)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"likeness: {failedClips} of {clips.Count} clip(s) failed; their rows in videos.csv say why.").ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static string Slug(string name)
    {
        string slug = new([.. name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]);
        slug = string.Join('-', slug.Split('-', StringSplitOptions.RemoveEmptyEntries));
        return slug.Length > 0 ? slug : "study";
    }
}
