namespace Likeness.Workspace.Reconciliation;

/// <summary>One thing <see cref="LedgerReconciler"/> found and what it did about it.</summary>
/// <param name="Kind">"shot", "video", "identity", "reservation" or "files".</param>
/// <param name="Subject">The row or reservation it concerns.</param>
/// <param name="Provider">The provider, when known.</param>
/// <param name="Outcome">What was done, for people.</param>
/// <param name="Settled">False when it was left open (in progress elsewhere, or its outcome unknown).</param>
public sealed record DoctorAction(string Kind, string Subject, string? Provider, string Outcome, bool Settled)
{
    /// <summary>The message of the error that stopped this item from being settled (not a provider's), when one did; null otherwise.</summary>
    public string? Error { get; init; }
}

/// <summary>A project's books after reconciliation.</summary>
/// <param name="ProjectId">The project.</param>
/// <param name="Name">Its name.</param>
/// <param name="CommittedUsd">Sum of the ledger's commits.</param>
/// <param name="SucceededUsd">Sum of the costs of succeeded shots and videos and of ready identities, with those of deleted ones (the audit keeps them).</param>
/// <param name="OpenReservations">Reservations neither committed nor refunded.</param>
/// <param name="BalanceMatches">Whether the running balance equals a full replay of the ledger.</param>
public sealed record ProjectBooks(Guid ProjectId, string Name, decimal CommittedUsd, decimal SucceededUsd, int OpenReservations, bool BalanceMatches)
{
    /// <summary>Commits equal what succeeded, nothing is held open, and the balance is the ledger's.</summary>
    public bool Reconciled => CommittedUsd == SucceededUsd && OpenReservations == 0 && BalanceMatches;
}

/// <summary>What <c>likeness doctor</c> did and how the books stand.</summary>
/// <param name="Actions">Each finding, in order.</param>
/// <param name="Projects">Each project's books afterwards.</param>
public sealed record DoctorReport(IReadOnlyList<DoctorAction> Actions, IReadOnlyList<ProjectBooks> Projects)
{
    /// <summary>Every project reconciles.</summary>
    public bool Reconciled => Projects.All(p => p.Reconciled);

    /// <summary>False when an error stopped one or more items from being settled (<see cref="DoctorAction.Error"/>): a partial run.</summary>
    public bool Complete => Actions.All(a => a.Error is null);
}
