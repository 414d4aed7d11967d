using System.CommandLine;
using Likeness.Cli.Hosting;
using Likeness.Core.Studies;
using Likeness.Workspace;
using Likeness.Workspace.Ratings;
using Likeness.Workspace.Studies.Reporting;
using Microsoft.Extensions.DependencyInjection;

namespace Likeness.Cli.Commands.Studies;

/// <summary>
/// <c>likeness study report DIR [--ratings]</c>: re-reads a study's results.json and rewrites its results and report;
/// with <c>--ratings</c> the workspace's blind human ratings of the study's shots become the report's human section.
/// </summary>
internal static class StudyReportCommand
{
    public static Command Create()
    {
        var folder = new Argument<DirectoryInfo>("DIR") { Description = "A study folder (with results.json) written by 'likeness study run'." };
        var ratings = new Option<bool>("--ratings") { Description = "Add the workspace's blind human ratings of the study's shots (likeness rate) as the report's human section." };
        var command = new Command("report", "Re-analyse a study folder's results.json and rewrite results.csv, results.json and report.html (no provider call).")
        {
            folder,
            ratings,
        };
        command.SetGuardedAction(async (parse, ct) =>
        {
            string path = parse.GetValue(folder)!.FullName;
            if (!Directory.Exists(path))
            {
                throw new CliUsageException($"No study folder {path}.");
            }

            StudyResults results = await StudyOutputs.ReadAsync(path, ct).ConfigureAwait(false);
            if (parse.GetValue(ratings))
            {
                using LikenessWorkspace workspace = await WorkspaceOption.OpenAsync(parse, ct).ConfigureAwait(false);
                results = results with
                {
                    Human = await workspace.Services.GetRequiredService<RatingBook>().ResultsForShotsAsync([.. RatingBook.StudyShotIds(results)], ct).ConfigureAwait(false),
                };
            }

            await StudyOutputs.WriteAsync(results, path, ct).ConfigureAwait(false);
            await parse.InvocationConfiguration.Output.WriteLineAsync($"{results.Shots.Count} shots re-analysed; wrote {Path.Combine(path, "report.html")}, results.csv and results.json.").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
