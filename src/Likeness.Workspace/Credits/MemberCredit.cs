namespace Likeness.Workspace.Credits;

/// <summary>
/// A member's credits in a project (the seed's <c>user_credits</c>): an allowance in USD per period that starts
/// afresh at each period's start, what the period used and what open calls hold, and the day's count of paid calls
/// for the role's quota. Changed only under the project's ledger lock.
/// </summary>
public sealed class MemberCredit
{
    private MemberCredit()
    {
    }

    /// <summary>The project.</summary>
    public Guid ProjectId { get; private set; }

    /// <summary>The member.</summary>
    public Guid UserId { get; private set; }

    /// <summary>The allowance per period; null for no limit (only the budget holds the member).</summary>
    public decimal? AllowanceUsd { get; private set; }

    /// <summary>How often the allowance starts afresh.</summary>
    public CreditPeriod Period { get; private set; }

    /// <summary>Charged this period (<c>credits_used</c>).</summary>
    public decimal UsedUsd { get; private set; }

    /// <summary>Held by calls still open.</summary>
    public decimal ReservedUsd { get; private set; }

    /// <summary>The start of the current period (<c>last_reset</c>).</summary>
    public DateTimeOffset LastReset { get; private set; }

    /// <summary>The UTC day <see cref="Generations"/> counts.</summary>
    public DateTimeOffset GenerationsDay { get; private set; }

    /// <summary>Paid calls started on <see cref="GenerationsDay"/>.</summary>
    public int Generations { get; private set; }

    /// <summary>When it last changed.</summary>
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>What is left this period (<c>credits_remaining</c>); null without a limit.</summary>
    public decimal? RemainingUsd => AllowanceUsd - UsedUsd - ReservedUsd;

    internal static MemberCredit Start(Guid projectId, Guid userId, DateTimeOffset now) => new()
    {
        ProjectId = projectId,
        UserId = userId,
        Period = CreditPeriod.Month,
        LastReset = CreditPeriods.StartOf(CreditPeriod.Month, now),
        GenerationsDay = CreditPeriods.StartOf(CreditPeriod.Day, now),
        UpdatedAt = now,
    };

    /// <summary>Starts a new period (used back to 0) and a new day's count when <paramref name="now"/> is past them.</summary>
    internal void Roll(DateTimeOffset now)
    {
        DateTimeOffset period = CreditPeriods.StartOf(Period, now);
        if (period > LastReset)
        {
            UsedUsd = 0;
            LastReset = period;
        }

        DateTimeOffset day = CreditPeriods.StartOf(CreditPeriod.Day, now);
        if (day > GenerationsDay)
        {
            Generations = 0;
            GenerationsDay = day;
        }
    }

    internal void SetAllowance(decimal? allowanceUsd, CreditPeriod period, DateTimeOffset now)
    {
        if (allowanceUsd is < 0)
        {
            throw new Core.InvalidInputException("A credit allowance is 0 or more (or none, for no limit).", "allowanceUsd");
        }

        AllowanceUsd = allowanceUsd;
        if (period != Period)
        {
            Period = period;
            LastReset = CreditPeriods.StartOf(period, now);
        }

        UpdatedAt = now;
    }

    internal void Hold(decimal amountUsd, DateTimeOffset now)
    {
        ReservedUsd += amountUsd;
        Generations++;
        UpdatedAt = now;
    }

    internal void Settle(decimal heldUsd, decimal chargedUsd, DateTimeOffset now)
    {
        ReservedUsd = Math.Max(0, ReservedUsd - heldUsd);
        UsedUsd += chargedUsd;
        UpdatedAt = now;
    }
}
