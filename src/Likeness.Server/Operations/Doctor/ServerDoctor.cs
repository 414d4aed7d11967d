using Likeness.Workspace.Reconciliation;

namespace Likeness.Server.Operations.Doctor;

/// <summary>
/// <c>likeness doctor</c> in the server: the same <see cref="LedgerReconciler"/> run, with what it did and how the books
/// stand written to the log (the CLI prints them instead). Run once at start-up and then as a periodic job.
/// </summary>
internal sealed partial class ServerDoctor(LedgerReconciler reconciler, ILogger<ServerDoctor> logger)
{
    /// <summary>Reconciles once; <paramref name="occasion"/> ("start-up", "periodic") says why in the log.</summary>
    public async Task<DoctorReport> RunAsync(string occasion, CancellationToken cancellationToken)
    {
        DoctorReport report = await reconciler.RunAsync(cancellationToken).ConfigureAwait(false);
        foreach (DoctorAction action in report.Actions)
        {
            Acted(logger, occasion, action.Kind, action.Subject, action.Provider ?? "-", action.Outcome, action.Settled);
        }

        foreach (ProjectBooks books in report.Projects.Where(p => !p.Reconciled))
        {
            NotReconciled(logger, occasion, books.Name, books.CommittedUsd, books.SucceededUsd, books.OpenReservations, books.BalanceMatches);
        }

        int unsettled = report.Actions.Count(a => !a.Settled);
        Summary(logger, occasion, report.Actions.Count, unsettled, report.Projects.Count, report.Reconciled);
        return report;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Doctor ({Occasion}): {Kind} {Subject} at {Provider}: {Outcome} (settled: {Settled})")]
    private static partial void Acted(ILogger logger, string occasion, string kind, string subject, string provider, string outcome, bool settled);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Doctor ({Occasion}): project {Project} is not reconciled: committed {CommittedUsd}, succeeded {SucceededUsd}, {OpenReservations} open reservation(s), balance matches the ledger: {BalanceMatches}")]
    private static partial void NotReconciled(ILogger logger, string occasion, string project, decimal committedUsd, decimal succeededUsd, int openReservations, bool balanceMatches);

    [LoggerMessage(Level = LogLevel.Information, Message = "Doctor ({Occasion}) done: {Actions} action(s), {Unsettled} left open, {Projects} project(s), reconciled: {Reconciled}")]
    private static partial void Summary(ILogger logger, string occasion, int actions, int unsettled, int projects, bool reconciled);
}
