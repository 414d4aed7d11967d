namespace Likeness.Core.Costs;

/// <summary>
/// A project's spending: reserve before a paid call, then commit the actual cost or refund. Works over the
/// project's entries and returns the new entry to append; a reservation closes exactly once.
/// </summary>
public sealed class CostLedger
{
    private readonly Dictionary<Guid, decimal> _open = [];
    private readonly HashSet<Guid> _closed = [];

    // Reservations held open by entries this instance was not given (a ledger positioned at a stored balance).
    private readonly decimal _reservedElsewhere;

    /// <summary>Replays <paramref name="entries"/> of one project.</summary>
    public CostLedger(Guid projectId, decimal? budgetUsd, IEnumerable<LedgerEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ProjectId = projectId;
        BudgetUsd = budgetUsd;
        foreach (LedgerEntry entry in entries.OrderBy(e => e.At))
        {
            Apply(entry);
        }
    }

    /// <summary>
    /// A ledger positioned at a stored running balance (<paramref name="committedUsd"/> and
    /// <paramref name="reservedUsd"/> over all entries), given only <paramref name="entries"/>: those of the
    /// reservations about to be committed or refunded, which the totals already include. No replay of the rest.
    /// </summary>
    public CostLedger(Guid projectId, decimal? budgetUsd, decimal committedUsd, decimal reservedUsd, IEnumerable<LedgerEntry> entries)
        : this(projectId, budgetUsd, entries)
    {
        _reservedElsewhere = reservedUsd - _open.Values.Sum();
        CommittedUsd = committedUsd;
    }

    /// <summary>The project.</summary>
    public Guid ProjectId { get; }

    /// <summary>The cap, if any.</summary>
    public decimal? BudgetUsd { get; }

    /// <summary>Sum of committed costs.</summary>
    public decimal CommittedUsd { get; private set; }

    /// <summary>Sum of reservations not yet committed or refunded.</summary>
    public decimal ReservedUsd => _reservedElsewhere + _open.Values.Sum();

    /// <summary>What can still be reserved; null when there is no cap.</summary>
    public decimal? AvailableUsd => BudgetUsd - CommittedUsd - ReservedUsd;

    /// <summary>Sets <paramref name="amountUsd"/> aside; refuses when it would exceed the budget.</summary>
    public LedgerEntry Reserve(decimal amountUsd, Guid? subjectId, string description, TimeProvider time)
    {
        if (amountUsd < 0)
        {
            throw new InvalidInputException("A reservation cannot be negative.", "amount");
        }

        if (AvailableUsd is { } available && amountUsd > available)
        {
            throw new InsufficientBudgetException(amountUsd, available, BudgetUsd ?? 0m,
                $"This call is estimated at ${amountUsd:F4}, but only ${available:F4} of the project's ${BudgetUsd:F2} budget is left.");
        }

        Guid id = Guid.CreateVersion7(time.GetUtcNow());
        LedgerEntry entry = LedgerEntry.Create(ProjectId, LedgerEntryKind.Reserve, id, amountUsd, subjectId, description, time.GetUtcNow());
        Apply(entry);
        return entry;
    }

    /// <summary>Charges the actual cost (which may differ from the estimate) and closes the reservation.</summary>
    public LedgerEntry Commit(Guid reservationId, decimal actualUsd, TimeProvider time)
    {
        if (actualUsd < 0)
        {
            throw new InvalidInputException("A cost cannot be negative.", "amount");
        }

        LedgerEntry entry = LedgerEntry.Create(ProjectId, LedgerEntryKind.Commit, RequireOpen(reservationId), actualUsd, null, "commit", time.GetUtcNow());
        Apply(entry);
        return entry;
    }

    /// <summary>Closes the reservation with no charge.</summary>
    public LedgerEntry Refund(Guid reservationId, TimeProvider time)
    {
        LedgerEntry entry = LedgerEntry.Create(ProjectId, LedgerEntryKind.Refund, RequireOpen(reservationId), 0m, null, "refund", time.GetUtcNow());
        Apply(entry);
        return entry;
    }

    private Guid RequireOpen(Guid reservationId)
    {
        if (!_open.ContainsKey(reservationId))
        {
            throw new RuleViolationException(_closed.Contains(reservationId)
                ? $"Reservation {reservationId} is already closed."
                : $"There is no reservation {reservationId}.");
        }

        return reservationId;
    }

    private void Apply(LedgerEntry entry)
    {
        switch (entry.Kind)
        {
            case LedgerEntryKind.Reserve:
                _open[entry.ReservationId] = entry.AmountUsd;
                break;
            case LedgerEntryKind.Commit:
                _open.Remove(entry.ReservationId);
                _closed.Add(entry.ReservationId);
                CommittedUsd += entry.AmountUsd;
                break;
            case LedgerEntryKind.Refund:
                _open.Remove(entry.ReservationId);
                _closed.Add(entry.ReservationId);
                break;
        }
    }
}
