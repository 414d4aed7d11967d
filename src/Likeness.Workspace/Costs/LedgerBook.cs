using Likeness.Core.Costs;
using Likeness.Core.Projects;
using Likeness.Workspace.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Likeness.Workspace.Costs;

/// <summary>
/// Persists the cost ledger: every reserve, commit and refund is appended in its own transaction. Writes are
/// serialised within the process and, on PostgreSQL, across processes (an advisory lock per project), so
/// parallel calls cannot together overspend a budget. SQLite is one process per database file.
/// </summary>
public sealed class LedgerBook(IDbContextFactory<LikenessDbContext> database, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Sets money aside for a paid call; throws when the project's budget would be exceeded.</summary>
    public Task<LedgerEntry> ReserveAsync(Guid projectId, decimal amountUsd, Guid? subjectId, string description, CancellationToken cancellationToken = default) =>
        WriteAsync(projectId, ledger => ledger.Reserve(amountUsd, subjectId, description, time), cancellationToken);

    /// <summary>Charges the actual cost.</summary>
    public Task<LedgerEntry> CommitAsync(Guid projectId, Guid reservationId, decimal actualUsd, CancellationToken cancellationToken = default) =>
        WriteAsync(projectId, ledger => ledger.Commit(reservationId, actualUsd, time), cancellationToken);

    /// <summary>Releases a reservation with no charge.</summary>
    public Task<LedgerEntry> RefundAsync(Guid projectId, Guid reservationId, CancellationToken cancellationToken = default) =>
        WriteAsync(projectId, ledger => ledger.Refund(reservationId, time), cancellationToken);

    /// <summary>Releases the lock.</summary>
    public void Dispose() => _gate.Dispose();

    /// <summary>The project's ledger as it stands.</summary>
    public async Task<CostLedger> ReadAsync(Guid projectId, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        return await LoadAsync(db, projectId, cancellationToken).ConfigureAwait(false);
    }

    private async Task<LedgerEntry> WriteAsync(Guid projectId, Func<CostLedger, LedgerEntry> change, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using LikenessDbContext db = database.CreateDbContext();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            if (db is PostgresLikenessDbContext)
            {
                // Other processes share the server: one transaction-scoped lock per project serialises their
                // read-check-append, so together they cannot overspend the budget either.
                long key = BitConverter.ToInt64(projectId.ToByteArray(), 0);
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({key})", cancellationToken).ConfigureAwait(false);
            }

            CostLedger ledger = await LoadAsync(db, projectId, cancellationToken).ConfigureAwait(false);
            LedgerEntry entry = change(ledger);
            db.Ledger.Add(entry);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return entry;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static async Task<CostLedger> LoadAsync(LikenessDbContext db, Guid projectId, CancellationToken cancellationToken)
    {
        Project project = await db.Projects.AsNoTracking().SingleAsync(p => p.Id == projectId, cancellationToken).ConfigureAwait(false);
        List<LedgerEntry> entries = await db.Ledger.AsNoTracking().Where(e => e.ProjectId == projectId).ToListAsync(cancellationToken).ConfigureAwait(false);
        return new CostLedger(projectId, project.BudgetUsd, entries);
    }
}
