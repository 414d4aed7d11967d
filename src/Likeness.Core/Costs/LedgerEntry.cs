namespace Likeness.Core.Costs;

/// <summary>What a ledger line does.</summary>
public enum LedgerEntryKind
{
    /// <summary>Money set aside before a paid call, so parallel calls cannot overspend the budget.</summary>
    Reserve,

    /// <summary>The call succeeded: the actual cost is charged and the reservation closed.</summary>
    Commit,

    /// <summary>The call failed: the reservation is closed with no charge.</summary>
    Refund,
}

/// <summary>One line of a project's cost ledger. Lines are only ever appended.</summary>
public sealed class LedgerEntry
{
    private LedgerEntry()
    {
        Description = string.Empty;
    }

    /// <summary>Identifier.</summary>
    public Guid Id { get; private set; }

    /// <summary>The project charged.</summary>
    public Guid ProjectId { get; private set; }

    /// <summary>What the line does.</summary>
    public LedgerEntryKind Kind { get; private set; }

    /// <summary>The reservation the line belongs to (its own id for a Reserve line).</summary>
    public Guid ReservationId { get; private set; }

    /// <summary>Amount in USD (the reserved estimate, or the actual cost on a Commit; zero on a Refund).</summary>
    public decimal AmountUsd { get; private set; }

    /// <summary>The shot or identity model it paid for.</summary>
    public Guid? SubjectId { get; private set; }

    /// <summary>For people.</summary>
    public string Description { get; private set; }

    /// <summary>When it was written.</summary>
    public DateTimeOffset At { get; private set; }

    internal static LedgerEntry Create(Guid projectId, LedgerEntryKind kind, Guid reservationId, decimal amount, Guid? subjectId, string description, DateTimeOffset at) =>
        new()
        {
            Id = Guid.CreateVersion7(at),
            ProjectId = projectId,
            Kind = kind,
            ReservationId = reservationId,
            AmountUsd = amount,
            SubjectId = subjectId,
            Description = description,
            At = at,
        };
}
