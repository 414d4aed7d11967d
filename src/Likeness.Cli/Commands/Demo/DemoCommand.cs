using System.CommandLine;
using Likeness.Cli.Hosting;
using Likeness.Workspace;
using Likeness.Workspace.Demo;
using Likeness.Workspace.Studies;

namespace Likeness.Cli.Commands.Demo;

/// <summary><c>likeness demo [-o|--output DIR]</c>: the whole flow offline on the sim providers with the sample cast.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--output", "-o")
        {
            Description = "Where report.html, index.html, results.csv and results.json go.",
            DefaultValueFactory = _ => new DirectoryInfo("likeness-demo"),
        };
        var cast = new Option<DirectoryInfo>("--cast")
        {
            Description = "A folder with cast.json and photos (default: the bundled public-domain cast).",
            DefaultValueFactory = _ => new DirectoryInfo(Path.Combine(AppContext.BaseDirectory, "samples", "cast")),
        };
        var command = new Command("demo", "Run the whole flow offline: characters, identities at three sim profiles, five scenarios each, a gallery.")
        {
            output,
            cast,
        };
        command.SetGuardedAction(async (parse, ct) =>
        {
            TextWriter o = parse.InvocationConfiguration.Output;
            using LikenessWorkspace workspace = await WorkspaceOption.OpenAsync(parse, string.Empty, ct).ConfigureAwait(false);
            string folder = parse.GetValue(output)!.FullName;
            var log = new SyncProgress<string>(line => o.WriteLine(line));
            StudyRunSummary summary = await new DemoRunner(workspace).RunAsync(parse.GetValue(cast)!.FullName, folder, log, ct).ConfigureAwait(false);
            await o.WriteLineAsync($"{summary.Results.Shots.Count} shots: {summary.FromCache} from the cache (no provider call), {summary.New} new, {summary.Failed} failed.").ConfigureAwait(false);
            await o.WriteLineAsync(summary.CalibrationLine).ConfigureAwait(false);
            await o.WriteLineAsync($"Wrote {Path.Combine(folder, "report.html")}, index.html, results.csv and results.json (workspace: {workspace.Options.Home}).").ConfigureAwait(false);
            return summary.Failed == 0 ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }
}
