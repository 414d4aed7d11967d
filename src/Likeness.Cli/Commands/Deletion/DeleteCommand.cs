using System.CommandLine;
using System.Globalization;
using Likeness.Cli.Hosting;
using Likeness.Workspace;
using Likeness.Workspace.Deletion;

namespace Likeness.Cli.Commands.Deletion;

/// <summary>
/// The <c>delete</c> subcommand of <c>character</c>, <c>reference</c>, <c>identity</c> and <c>shot</c>: shows what
/// will go, asks on a terminal unless <c>--yes</c> (a run that cannot ask is refused), then deletes.
/// </summary>
internal static class DeleteCommand
{
    /// <summary>A <c>delete</c> command for <paramref name="kind"/>.</summary>
    public static Command Create(DeletionKind kind, string argument, string argumentHelp, string description, string? forceHelp)
    {
        var key = new Argument<string>(argument) { Description = argumentHelp };
        var yes = new Option<bool>("--yes", "-y") { Description = "Delete without asking (needed when the run is not interactive)." };
        var actor = new Option<string?>("--actor") { Description = "Who asks, for the audit (default: the OS user)." };
        var command = new Command("delete", description) { key, yes, actor };
        var force = new Option<bool>("--force") { Description = forceHelp ?? string.Empty };
        if (forceHelp is not null)
        {
            command.Options.Add(force);
        }

        command.SetGuardedAction(async (parse, ct) =>
        {
            using LikenessWorkspace workspace = await WorkspaceOption.OpenAsync(parse, ct).ConfigureAwait(false);
            string target = parse.GetValue(key)!;
            TextWriter o = parse.InvocationConfiguration.Output;
            string what = $"{kind.ToString().ToLowerInvariant()} {target}";
            DeletionPlan plan = await workspace.Deletions.PlanAsync(kind, target, ct).ConfigureAwait(false);
            if (!parse.GetValue(yes))
            {
                // Asking needs a person at a terminal; a script must say --yes, so that nothing is deleted by accident.
                if (Console.IsInputRedirected)
                {
                    throw new CliUsageException($"Deleting {what} needs confirmation and this run cannot ask: add --yes.");
                }

                await o.WriteAsync($"This deletes {what}: {Describe(plan)}. Delete? [y/N] ").ConfigureAwait(false);
                string? answer = await Console.In.ReadLineAsync(ct).ConfigureAwait(false);
                if (answer?.Trim().ToLowerInvariant() is not ("y" or "yes"))
                {
                    await o.WriteLineAsync("Nothing was deleted.").ConfigureAwait(false);
                    return ExitCodes.Failure;
                }
            }

            DeletionResult result = await workspace.Deletions.DeleteAsync(kind, target, new DeleteOptions(parse.GetValue(actor), parse.GetValue(force)), ct).ConfigureAwait(false);
            await o.WriteLineAsync($"Deleted {what}: {Describe(result.Plan)}.").ConfigureAwait(false);
            if (result.FilesLeft > 0)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"likeness: warning: {result.FilesLeft} file(s) could not be removed from the asset store yet; `likeness doctor` removes them.").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>What a delete removes, for people: "3 references, 2 identity models, ... 12 files (4.1 MB)".</summary>
    public static string Describe(DeletionPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var parts = new List<string>();
        void Add(int count, string one, string many)
        {
            if (count > 0)
            {
                parts.Add($"{count} {(count == 1 ? one : many)}");
            }
        }

        Add(plan.References, "reference", "references");
        Add(plan.Identities, "identity model", "identity models");
        Add(plan.Shots, "shot", "shots");
        Add(plan.Pins, "pin", "pins");
        Add(plan.Videos, "video", "videos");
        Add(plan.Claims, "settled paid-call claim", "settled paid-call claims");
        parts.Add(string.Create(CultureInfo.InvariantCulture, $"{plan.Files} file(s) ({plan.Bytes / 1_000_000.0:0.0} MB) from the asset store"));
        return string.Join(", ", parts);
    }
}
