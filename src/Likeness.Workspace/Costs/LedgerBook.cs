using Likeness.Core.Costs;
using Likeness.Core.Projects;
using Likeness.Workspace.Alerts;
using Likeness.Workspace.Audit;
using Likeness.Workspace.Credits;
using Likeness.Workspace.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Likeness.Workspace.Costs;

/// <summary>
/// Persists the cost ledger: every reserve, commit and refund is appended together with the project's running
/// balance (<see cref="LedgerBalance"/>) in one transaction. Writers serialise on the database, not in the
/// process: PostgreSQL locks the balance row (<c>SELECT ... FOR UPDATE</c>), SQLite's transactions take the write
/// lock at <c>BEGIN IMMEDIATE</c>. So processes and nodes sharing one database cannot together overspend a budget,
/// and a write reads the balance row and at most two lines of its reservation instead of the whole ledger.
/// In the same transaction a reservation with a <see cref="Payer"/> holds the member's credits (and checks the role's
/// quotas), and every commit or refund settles that hold, writes the paid call's audit line and records the alerts
/// its charge reaches.
/// </summary>
public sealed class LedgerBook(IDbContextFactory<LikenessDbContext> database, CreditBook credits, AlertBook alerts, AuditLog audit, TimeProvider time)
{
    /// <summary>Sets money aside for a paid call; throws when the project's budget would be exceeded.</summary>
    public Task<LedgerEntry> ReserveAsync(Guid projectId, decimal amountUsd, Guid? subjectId, string description, CancellationToken cancellationToken = default) =>
        WriteAsync(db => ReserveAsync(db, projectId, amountUsd, subjectId, description, null, cancellationToken), cancellationToken);

    /// <summary>Charges the actual cost.</summary>
    public Task<LedgerEntry> CommitAsync(Guid projectId, Guid reservationId, decimal actualUsd, CancellationToken cancellationToken = default) =>
        WriteAsync(db => CommitAsync(db, projectId, reservationId, actualUsd, cancellationToken), cancellationToken);

    /// <summary>Releases a reservation with no charge.</summary>
    public Task<LedgerEntry> RefundAsync(Guid projectId, Guid reservationId, CancellationToken cancellationToken = default) =>
        WriteAsync(db => RefundAsync(db, projectId, reservationId, cancellationToken), cancellationToken);

    /// <summary>The project's ledger totals as they stand (from the balance row; open reservations are not listed).</summary>
    public async Task<CostLedger> ReadAsync(Guid projectId, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        Project project = await db.Projects.AsNoTracking().SingleAsync(p => p.Id == projectId, cancellationToken).ConfigureAwait(false);
        LedgerBalance? balance = await db.LedgerBalances.AsNoTracking().SingleOrDefaultAsync(b => b.ProjectId == projectId, cancellationToken).ConfigureAwait(false);
        return balance is { Seeded: true }
            ? new CostLedger(projectId, project.BudgetUsd, balance.CommittedUsd, balance.ReservedUsd, [])
            : await ReplayAsync(db, projectId, project.BudgetUsd, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The project's ledger replayed from every line: what reconciliation checks the balance against.</summary>
    public async Task<CostLedger> ReplayAsync(Guid projectId, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        Project project = await db.Projects.AsNoTracking().SingleAsync(p => p.Id == projectId, cancellationToken).ConfigureAwait(false);
        return await ReplayAsync(db, projectId, project.BudgetUsd, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The project's newest <paramref name="limit"/> ledger lines, newest first.</summary>
    public async Task<IReadOnlyList<LedgerEntry>> EntriesAsync(Guid projectId, int limit, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        // Ids are time-ordered (v7), so ordering by id is ordering by time on both databases.
        return await db.Ledger.AsNoTracking().Where(e => e.ProjectId == projectId).OrderByDescending(e => e.Id).Take(limit)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether <paramref name="reservationId"/> is reserved and not yet committed or refunded.</summary>
    public async Task<bool> IsOpenAsync(Guid reservationId, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        return await db.Ledger.CountAsync(e => e.ReservationId == reservationId, cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>
    /// Reserves inside the caller's open transaction (see below), so the reservation lands with the claim that sends
    /// the call; with a <paramref name="payer"/>, also against the member's credits and the role's quotas.
    /// </summary>
    internal Task<LedgerEntry> ReserveAsync(LikenessDbContext db, Guid projectId, decimal amountUsd, Guid? subjectId, string description, Payer? payer, CancellationToken cancellationToken) =>
        AppendAsync(db, projectId, null, ledger => ledger.Reserve(amountUsd, subjectId, description, time), cancellationToken, payer);

    /// <summary>
    /// Commits inside the caller's open transaction on <paramref name="db"/>, so the charge lands together with
    /// what it paid for (a shot's success, a claim's completion); the caller saves and commits.
    /// </summary>
    internal Task<LedgerEntry> CommitAsync(LikenessDbContext db, Guid projectId, Guid reservationId, decimal actualUsd, CancellationToken cancellationToken) =>
        AppendAsync(db, projectId, reservationId, ledger => ledger.Commit(reservationId, actualUsd, time), cancellationToken);

    /// <summary>Refunds inside the caller's open transaction (see <see cref="CommitAsync(LikenessDbContext, Guid, Guid, decimal, CancellationToken)"/>).</summary>
    internal Task<LedgerEntry> RefundAsync(LikenessDbContext db, Guid projectId, Guid reservationId, CancellationToken cancellationToken) =>
        AppendAsync(db, projectId, reservationId, ledger => ledger.Refund(reservationId, time), cancellationToken);

    private async Task<LedgerEntry> WriteAsync(Func<LikenessDbContext, Task<LedgerEntry>> append, CancellationToken cancellationToken)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        LedgerEntry entry = await append(db).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return entry;
    }

    /// <summary>Locks the balance, applies <paramref name="change"/> to it and adds the line and the new totals (unsaved).</summary>
    private async Task<LedgerEntry> AppendAsync(
        LikenessDbContext db, Guid projectId, Guid? reservationId, Func<CostLedger, LedgerEntry> change, CancellationToken cancellationToken, Payer? payer = null)
    {
        LedgerBalance balance = await LockBalanceAsync(db, projectId, cancellationToken).ConfigureAwait(false);
        Project project = await db.Projects.AsNoTracking().SingleAsync(p => p.Id == projectId, cancellationToken).ConfigureAwait(false);
        CostLedger ledger;
        if (!balance.Seeded)
        {
            // A ledger from before running balances: counted once, here, under the lock.
            ledger = await ReplayAsync(db, projectId, project.BudgetUsd, cancellationToken).ConfigureAwait(false);
            balance.Set(ledger.CommittedUsd, ledger.ReservedUsd, await db.Ledger.LongCountAsync(e => e.ProjectId == projectId, cancellationToken).ConfigureAwait(false), time.GetUtcNow());
        }
        else
        {
            List<LedgerEntry> lines = reservationId is { } id
                ? await db.Ledger.AsNoTracking().Where(e => e.ReservationId == id && e.ProjectId == projectId).ToListAsync(cancellationToken).ConfigureAwait(false)
                : [];
            ledger = new CostLedger(projectId, project.BudgetUsd, balance.CommittedUsd, balance.ReservedUsd, lines);
        }

        LedgerEntry entry = change(ledger);
        db.Ledger.Add(entry);
        balance.Set(ledger.CommittedUsd, ledger.ReservedUsd, balance.Entries + 1, time.GetUtcNow());
        if (entry.Kind == LedgerEntryKind.Reserve)
        {
            if (payer is not null)
            {
                await credits.HoldAsync(db, projectId, payer, entry.ReservationId, entry.AmountUsd, cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            await SettleAsync(db, projectId, entry, ledger, cancellationToken).ConfigureAwait(false);
        }

        return entry;
    }

    /// <summary>A reservation closed: its credit hold settled, the paid call audited, the alerts its charge reaches recorded.</summary>
    private async Task SettleAsync(LikenessDbContext db, Guid projectId, LedgerEntry closing, CostLedger ledger, CancellationToken cancellationToken)
    {
        decimal charged = closing.Kind == LedgerEntryKind.Commit ? closing.AmountUsd : 0m;
        MemberCredit? credit = await credits.SettleAsync(db, closing.ReservationId, charged, cancellationToken).ConfigureAwait(false);
        LedgerEntry? reserved = await db.Ledger.AsNoTracking()
            .SingleOrDefaultAsync(e => e.ReservationId == closing.ReservationId && e.Kind == LedgerEntryKind.Reserve, cancellationToken).ConfigureAwait(false);
        audit.Add(
            db, projectId, credit?.UserId, closing.Kind == LedgerEntryKind.Commit ? AuditActions.PaidCallCharged : AuditActions.PaidCallRefunded,
            reserved?.Description ?? closing.Description, reserved?.SubjectId, charged);
        if (charged > 0)
        {
            await alerts.CheckBudgetAsync(db, projectId, ledger.BudgetUsd, ledger.CommittedUsd, cancellationToken).ConfigureAwait(false);
            if (credit is not null)
            {
                await alerts.CheckCreditsAsync(db, credit, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The project's balance row, locked for this transaction (made, unseeded, when missing).</summary>
    internal static async Task<LedgerBalance> LockBalanceAsync(LikenessDbContext db, Guid projectId, CancellationToken cancellationToken)
    {
        if (db is PostgresLikenessDbContext)
        {
            // Concurrent first writers may both find no row: the insert is a no-op for all but one, then all queue on the row lock.
            await db.Database.ExecuteSqlAsync(
                $"""INSERT INTO "LedgerBalances" ("ProjectId", "CommittedUsd", "ReservedUsd", "Entries", "Seeded", "UpdatedAt") VALUES ({projectId}, 0, 0, 0, FALSE, now()) ON CONFLICT ("ProjectId") DO NOTHING""",
                cancellationToken).ConfigureAwait(false);
            List<LedgerBalance> locked = await db.LedgerBalances
                .FromSql($"""SELECT * FROM "LedgerBalances" WHERE "ProjectId" = {projectId} FOR UPDATE""")
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            return locked.Single();
        }

        // SQLite: the transaction already holds the database's write lock (Microsoft.Data.Sqlite begins IMMEDIATE).
        LedgerBalance? balance = await db.LedgerBalances.SingleOrDefaultAsync(b => b.ProjectId == projectId, cancellationToken).ConfigureAwait(false);
        if (balance is null)
        {
            balance = LedgerBalance.Start(projectId);
            db.LedgerBalances.Add(balance);
        }

        return balance;
    }

    private static async Task<CostLedger> ReplayAsync(LikenessDbContext db, Guid projectId, decimal? budgetUsd, CancellationToken cancellationToken)
    {
        List<LedgerEntry> entries = await db.Ledger.AsNoTracking().Where(e => e.ProjectId == projectId).ToListAsync(cancellationToken).ConfigureAwait(false);
        return new CostLedger(projectId, budgetUsd, entries);
    }
}
