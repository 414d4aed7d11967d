namespace Likeness.Workspace.Credits;

/// <summary>
/// The part of a member's credits an open ledger reservation holds, keyed by the reservation: the ledger's commit or
/// refund of that reservation settles it in the same transaction, so credits and ledger never disagree.
/// </summary>
public sealed class CreditHold
{
    private CreditHold()
    {
    }

    /// <summary>The ledger reservation (primary key).</summary>
    public Guid ReservationId { get; private set; }

    /// <summary>The project.</summary>
    public Guid ProjectId { get; private set; }

    /// <summary>The member it is charged to.</summary>
    public Guid UserId { get; private set; }

    /// <summary>The amount held (the reservation's estimate).</summary>
    public decimal AmountUsd { get; private set; }

    /// <summary>When it was made.</summary>
    public DateTimeOffset At { get; private set; }

    internal static CreditHold Create(Guid reservationId, Guid projectId, Guid userId, decimal amountUsd, DateTimeOffset at) =>
        new() { ReservationId = reservationId, ProjectId = projectId, UserId = userId, AmountUsd = amountUsd, At = at };
}
