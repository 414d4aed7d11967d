using Likeness.Core;
using Likeness.Workspace.Audit;
using Likeness.Workspace.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Likeness.Workspace.Credits;

/// <summary>
/// Members' credits and role quotas. Holds and settlements run inside the ledger's own transaction, under its
/// project lock (<see cref="Costs.LedgerBook"/>), so a member's credits, the budget and the ledger change together
/// or not at all, on every process and node sharing the database.
/// </summary>
public sealed class CreditBook(IDbContextFactory<LikenessDbContext> database, AuditLog audit, TimeProvider time)
{
    /// <summary>The member's credits as they stand now (a new period shows 0 used); a member never charged has none.</summary>
    public async Task<MemberCredit?> GetAsync(Guid projectId, Guid userId, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        MemberCredit? credit = await db.MemberCredits.AsNoTracking().SingleOrDefaultAsync(c => c.ProjectId == projectId && c.UserId == userId, cancellationToken).ConfigureAwait(false);
        credit?.Roll(time.GetUtcNow());
        return credit;
    }

    /// <summary>Every member's credits in the project.</summary>
    public async Task<IReadOnlyList<MemberCredit>> ListAsync(Guid projectId, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        List<MemberCredit> credits = await db.MemberCredits.AsNoTracking().Where(c => c.ProjectId == projectId).ToListAsync(cancellationToken).ConfigureAwait(false);
        DateTimeOffset now = time.GetUtcNow();
        credits.ForEach(c => c.Roll(now));
        return credits;
    }

    /// <summary>
    /// Sets the member's allowance per <paramref name="period"/> (null: no limit), recorded in the audit log as done by
    /// <paramref name="actorId"/>. Changing the period starts the new one now; what was used in it stays counted.
    /// </summary>
    public async Task<MemberCredit> SetAsync(Guid projectId, Guid userId, decimal? allowanceUsd, CreditPeriod period, Guid? actorId, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        if (!await db.ProjectMembers.AnyAsync(m => m.ProjectId == projectId && m.UserId == userId, cancellationToken).ConfigureAwait(false))
        {
            throw new NotFoundException(EntityKind.User, userId.ToString(), "The user is not a member of this project.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // Under the ledger's project lock, as holds are, so a concurrent hold is not lost.
        await Costs.LedgerBook.LockBalanceAsync(db, projectId, cancellationToken).ConfigureAwait(false);
        MemberCredit credit = await RowAsync(db, projectId, userId, cancellationToken).ConfigureAwait(false);
        credit.SetAllowance(allowanceUsd, period, time.GetUtcNow());
        audit.Add(db, projectId, actorId, AuditActions.CreditsSet, $"{userId}: {(allowanceUsd is { } a ? $"{a} USD" : "no limit")} per {period.ToString().ToLowerInvariant()}", userId, allowanceUsd);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return credit;
    }

    /// <summary>
    /// Holds <paramref name="amountUsd"/> of the payer's credits for <paramref name="reservationId"/> (unsaved, in the
    /// ledger's transaction). Throws <see cref="QuotaExceededException"/> when a quota of the role is used up and
    /// <see cref="InsufficientCreditsException"/> when the allowance cannot cover it.
    /// </summary>
    internal async Task HoldAsync(LikenessDbContext db, Guid projectId, Payer payer, Guid reservationId, decimal amountUsd, CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        MemberCredit credit = await RowAsync(db, projectId, payer.UserId, cancellationToken).ConfigureAwait(false);
        if (payer.ConcurrentCalls is { } concurrent
            && await db.CreditHolds.CountAsync(h => h.ProjectId == projectId && h.UserId == payer.UserId, cancellationToken).ConfigureAwait(false) >= concurrent)
        {
            throw new QuotaExceededException("concurrent-jobs", concurrent, $"Your role may have {concurrent} paid call(s) running at once; wait for one to finish.");
        }

        if (payer.GenerationsPerDay is { } perDay && credit.Generations >= perDay)
        {
            throw new QuotaExceededException("generations-per-day", perDay, $"Your role may start {perDay} paid call(s) a day (UTC); that many were started today.");
        }

        if (credit.RemainingUsd is { } remaining && amountUsd > remaining)
        {
            throw new InsufficientCreditsException(
                amountUsd, Math.Max(0, remaining), credit.AllowanceUsd ?? 0,
                $"The call's estimate of {amountUsd} USD is more than the {Math.Max(0, remaining)} USD left of your credits this {credit.Period.ToString().ToLowerInvariant()}.");
        }

        credit.Hold(amountUsd, now);
        db.CreditHolds.Add(CreditHold.Create(reservationId, projectId, payer.UserId, amountUsd, now));
    }

    /// <summary>
    /// Settles the hold of <paramref name="reservationId"/>, when it has one (unsaved, in the ledger's transaction):
    /// the hold is released and <paramref name="chargedUsd"/> counted as used. Returns the member's credits after, or null.
    /// </summary>
    internal async Task<MemberCredit?> SettleAsync(LikenessDbContext db, Guid reservationId, decimal chargedUsd, CancellationToken cancellationToken)
    {
        CreditHold? hold = await db.CreditHolds.SingleOrDefaultAsync(h => h.ReservationId == reservationId, cancellationToken).ConfigureAwait(false);
        if (hold is null)
        {
            return null;
        }

        MemberCredit credit = await RowAsync(db, hold.ProjectId, hold.UserId, cancellationToken).ConfigureAwait(false);
        credit.Settle(hold.AmountUsd, chargedUsd, time.GetUtcNow());
        db.CreditHolds.Remove(hold);
        return credit;
    }

    /// <summary>Who holds the reservation's credits, when a member does.</summary>
    internal static async Task<Guid?> PayerOfAsync(LikenessDbContext db, Guid reservationId, CancellationToken cancellationToken) =>
        await db.CreditHolds.Where(h => h.ReservationId == reservationId).Select(h => (Guid?)h.UserId).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>The member's tracked row, rolled to now (made, with no limit, when missing).</summary>
    private async Task<MemberCredit> RowAsync(LikenessDbContext db, Guid projectId, Guid userId, CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        MemberCredit? credit = db.MemberCredits.Local.SingleOrDefault(c => c.ProjectId == projectId && c.UserId == userId)
            ?? await db.MemberCredits.SingleOrDefaultAsync(c => c.ProjectId == projectId && c.UserId == userId, cancellationToken).ConfigureAwait(false);
        if (credit is null)
        {
            credit = MemberCredit.Start(projectId, userId, now);
            db.MemberCredits.Add(credit);
        }

        credit.Roll(now);
        return credit;
    }
}
