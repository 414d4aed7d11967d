using System.CommandLine;
using System.Globalization;
using Likeness.Cli.Hosting;
using Likeness.Workspace;
using Likeness.Workspace.Reconciliation;

namespace Likeness.Cli.Commands.Doctor;

/// <summary><c>likeness doctor [--json]</c>: settle what stopped processes left behind, then check the books.</summary>
internal static class DoctorCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print the report as one JSON object." };
        var command = new Command(
            "doctor",
            "Settle paid calls left behind by processes that stopped (collect held answers, follow recorded jobs, refund what never ran; nothing is sent again), then check that each project's ledger reconciles.")
        {
            json,
        };
        command.SetGuardedAction(async (parse, ct) =>
        {
            using LikenessWorkspace workspace = await WorkspaceOption.OpenAsync(parse, ct).ConfigureAwait(false);
            DoctorReport report = await workspace.Doctor.RunAsync(ct).ConfigureAwait(false);
            TextWriter o = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                await o.WriteLineAsync(CliJson.Serialize(View(report))).ConfigureAwait(false);
            }
            else
            {
                foreach (DoctorAction a in report.Actions)
                {
                    await o.WriteLineAsync($"{a.Kind} {a.Subject}{(a.Provider is null ? "" : $" at {a.Provider}")}: {a.Outcome}").ConfigureAwait(false);
                }

                foreach (ProjectBooks p in report.Projects)
                {
                    await o.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"project {p.Name}: committed ${p.CommittedUsd:F4}, succeeded ${p.SucceededUsd:F4}, {p.OpenReservations} open reservation(s), balance {(p.BalanceMatches ? "matches" : "DIFFERS from")} the ledger: {(p.Reconciled ? "reconciled" : "NOT reconciled")}")).ConfigureAwait(false);
                }
            }

            if (!report.Complete)
            {
                // An error stopped some claims (each listed above, kept for the next run): the run is partial, whatever the books say.
                int errors = report.Actions.Count(a => a.Error is not null);
                await parse.InvocationConfiguration.Error.WriteLineAsync($"likeness: {errors} claim(s) could not be settled because of an error (listed above); they are kept as they stand: run `likeness doctor` again.").ConfigureAwait(false);
                return ExitCodes.Partial;
            }

            // Not reconciled (something in progress elsewhere, or an outcome only the provider's dashboard can tell) is a failure to look at.
            return report.Reconciled ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    private static object View(DoctorReport report) => new
    {
        reconciled = report.Reconciled,
        complete = report.Complete,
        actions = report.Actions.Select(a => new { kind = a.Kind, subject = a.Subject, provider = a.Provider, outcome = a.Outcome, settled = a.Settled, error = a.Error }),
        projects = report.Projects.Select(p => new
        {
            project = p.Name,
            committed_usd = p.CommittedUsd,
            succeeded_usd = p.SucceededUsd,
            open_reservations = p.OpenReservations,
            balance_matches = p.BalanceMatches,
            reconciled = p.Reconciled,
        }),
    };
}
