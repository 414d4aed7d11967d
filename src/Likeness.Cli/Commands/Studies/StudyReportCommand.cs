using System.CommandLine;
using Likeness.Cli.Hosting;
using Likeness.Core.Studies;
using Likeness.Workspace.Studies.Reporting;

namespace Likeness.Cli.Commands.Studies;

/// <summary><c>likeness study report DIR</c>: re-reads a study's results.json and rewrites its results and report.</summary>
internal static class StudyReportCommand
{
    public static Command Create()
    {
        var folder = new Argument<DirectoryInfo>("DIR") { Description = "A study folder (with results.json) written by 'likeness study run'." };
        var command = new Command("report", "Re-analyse a study folder's results.json and rewrite results.csv, results.json and report.html (no provider call).")
        {
            folder,
        };
        command.SetGuardedAction(async (parse, ct) =>
        {
            string path = parse.GetValue(folder)!.FullName;
            if (!Directory.Exists(path))
            {
                throw new CliUsageException($"No study folder {path}.");
            }

            StudyResults results = await StudyOutputs.ReadAsync(path, ct).ConfigureAwait(false);
            await StudyOutputs.WriteAsync(results, path, ct).ConfigureAwait(false);
            await parse.InvocationConfiguration.Output.WriteLineAsync($"{results.Shots.Count} shots re-analysed; wrote {Path.Combine(path, "report.html")}, results.csv and results.json.").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
