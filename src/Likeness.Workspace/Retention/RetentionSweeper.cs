using Likeness.Core.Assets;
using Likeness.Core.Shots;
using Likeness.Workspace.Deletion;
using Likeness.Workspace.Jobs;
using Likeness.Workspace.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Likeness.Workspace.Retention;

/// <summary>What one retention pass purged.</summary>
/// <param name="RejectedShots">Rejected shots whose files were let go (the rows stay).</param>
/// <param name="Files">Files removed from the asset store (those no other row still references).</param>
/// <param name="Jobs">Finished job records (with their progress messages) deleted.</param>
/// <param name="WebhookReceipts">Webhook receipts deleted.</param>
public sealed record RetentionReport(int RejectedShots, int Files, int Jobs, int WebhookReceipts);

/// <summary>
/// Data retention: after a number of days, the images of shots the gate rejected, the records of finished jobs and the
/// receipts of provider webhooks are purged. Kept shots, ledger lines, deletions' audit and running jobs are never
/// touched, and a rejected shot keeps its row (scores, verdict, cost) so the books still reconcile. Ages are compared
/// here, not in SQL: SQLite cannot compare its DateTimeOffset text columns.
/// </summary>
public sealed class RetentionSweeper(IDbContextFactory<LikenessDbContext> database, IAssetStore assets, TimeProvider time)
{
    /// <summary>Purges what is older than <paramref name="keep"/>.</summary>
    public async Task<RetentionReport> PurgeAsync(TimeSpan keep, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(keep, TimeSpan.Zero);
        DateTimeOffset cutoff = time.GetUtcNow() - keep;
        (int shots, int files) = await PurgeRejectedShotFilesAsync(cutoff, cancellationToken).ConfigureAwait(false);
        return new RetentionReport(
            shots, files, await PurgeJobsAsync(cutoff, cancellationToken).ConfigureAwait(false), await PurgeReceiptsAsync(cutoff, cancellationToken).ConfigureAwait(false));
    }

    private async Task<(int Shots, int Files)> PurgeRejectedShotFilesAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        HashSet<string> released = new(StringComparer.Ordinal);
        int shots = 0;
        await using (LikenessDbContext db = database.CreateDbContext())
        {
            foreach (Shot shot in await db.Shots.Where(s => s.Verdict != null).ToListAsync(cancellationToken).ConfigureAwait(false))
            {
                if (shot.Verdict is { Kept: false } && (shot.CompletedAt ?? shot.CreatedAt) <= cutoff && shot.Assets.Count > 0)
                {
                    released.UnionWith(shot.ReleaseAssets());
                    shots++;
                }
            }

            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        if (released.Count == 0)
        {
            return (shots, 0);
        }

        // Saved first, then the files: one another row still references (the same image kept elsewhere) stays.
        HashSet<string> referenced;
        await using (LikenessDbContext db = database.CreateDbContext())
        {
            referenced = await AssetSweeper.ReferencedAsync(db, cancellationToken).ConfigureAwait(false);
        }

        int files = 0;
        foreach (string sha256 in released.Where(a => !referenced.Contains(a)))
        {
            await assets.DeleteAsync(sha256, cancellationToken).ConfigureAwait(false);
            files++;
        }

        return (shots, files);
    }

    private async Task<int> PurgeJobsAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        var finished = await db.Jobs.Where(j => j.Status == JobStatus.Succeeded || j.Status == JobStatus.Failed || j.Status == JobStatus.Cancelled)
            .Select(j => new { j.Id, j.UpdatedAt }).ToListAsync(cancellationToken).ConfigureAwait(false);
        List<Guid> old = [.. finished.Where(j => j.UpdatedAt <= cutoff).Select(j => j.Id)];
        return old.Count == 0 ? 0 : await db.Jobs.Where(j => old.Contains(j.Id)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<int> PurgeReceiptsAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        var receipts = await db.WebhookReceipts.Select(r => new { r.Provider, r.RequestId, r.ReceivedAt }).ToListAsync(cancellationToken).ConfigureAwait(false);
        int deleted = 0;
        foreach (var group in receipts.Where(r => r.ReceivedAt <= cutoff).GroupBy(r => r.Provider))
        {
            List<string> ids = [.. group.Select(r => r.RequestId)];
            deleted += await db.WebhookReceipts.Where(r => r.Provider == group.Key && ids.Contains(r.RequestId)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        }

        return deleted;
    }
}
