using Likeness.Workspace.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Likeness.Workspace.Audit;

/// <summary>
/// The audit log of paid calls and membership changes. Paid calls are written in the ledger's transaction (a charge
/// or refund never lands without its line); other changes are written right after they are saved.
/// </summary>
public sealed class AuditLog(IDbContextFactory<LikenessDbContext> database, TimeProvider time)
{
    /// <summary>Records one change on its own.</summary>
    public async Task RecordAsync(Guid projectId, Guid? actorUserId, string action, string detail, Guid? subjectId = null, decimal? amountUsd = null, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        Add(db, projectId, actorUserId, action, detail, subjectId, amountUsd);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The project's newest <paramref name="limit"/> lines, newest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ListAsync(Guid projectId, int limit, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        return await db.Audit.AsNoTracking().Where(a => a.ProjectId == projectId).OrderByDescending(a => a.Id).Take(limit)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds a line to the caller's unit of work (saved with it).</summary>
    internal void Add(LikenessDbContext db, Guid projectId, Guid? actorUserId, string action, string detail, Guid? subjectId, decimal? amountUsd) =>
        db.Audit.Add(AuditEntry.Create(projectId, actorUserId, action, detail, subjectId, amountUsd, time.GetUtcNow()));
}
