namespace Likeness.Workspace.Costs;

/// <summary>
/// A project's running ledger totals, updated in the same transaction as each ledger line, so a write reads one
/// row instead of replaying the whole ledger. The row is also what concurrent writers lock (PostgreSQL
/// <c>SELECT ... FOR UPDATE</c>; SQLite's write lock is the whole file).
/// </summary>
public sealed class LedgerBalance
{
    private LedgerBalance()
    {
    }

    /// <summary>The project (primary key).</summary>
    public Guid ProjectId { get; private set; }

    /// <summary>Sum of committed costs.</summary>
    public decimal CommittedUsd { get; private set; }

    /// <summary>Sum of reservations still open.</summary>
    public decimal ReservedUsd { get; private set; }

    /// <summary>Ledger lines counted into the totals.</summary>
    public long Entries { get; private set; }

    /// <summary>
    /// False for a row made before its project's older lines were counted (a ledger from before balances
    /// existed): the first writer replays them once and sets it.
    /// </summary>
    public bool Seeded { get; private set; }

    /// <summary>When it last changed.</summary>
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>An empty, unseeded row for a project (SQLite adds it under its write lock).</summary>
    internal static LedgerBalance Start(Guid projectId) => new() { ProjectId = projectId };

    /// <summary>Sets the totals after a write.</summary>
    internal void Set(decimal committedUsd, decimal reservedUsd, long entries, DateTimeOffset at)
    {
        CommittedUsd = committedUsd;
        ReservedUsd = reservedUsd;
        Entries = entries;
        Seeded = true;
        UpdatedAt = at;
    }
}
