using Likeness.Core.Assets;
using Likeness.Core.Identity;
using Likeness.Workspace.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Likeness.Workspace.Deletion;

/// <summary>What a sweep of the asset store removed.</summary>
/// <param name="Files">Files removed.</param>
/// <param name="Bytes">Their size.</param>
public sealed record SweepReport(int Files, long Bytes);

/// <summary>
/// Removes files from the asset store that no row references: those a delete listed and could not remove after its
/// commit (at once), and any other unreferenced file older than a grace period. The grace period protects a call that
/// has stored its outputs and not yet committed the row that references them.
/// </summary>
public sealed class AssetSweeper(IDbContextFactory<LikenessDbContext> database, IAssetStore assets, TimeProvider time, ILogger<AssetSweeper> log)
{
    /// <summary>How old an unreferenced file must be before the doctor removes it.</summary>
    public static readonly TimeSpan DefaultGrace = TimeSpan.FromHours(1);

    private readonly ILogger _log = log;

    /// <summary>Finishes interrupted deletes, then removes unreferenced files written before <paramref name="olderThan"/> ago.</summary>
    public async Task<SweepReport> SweepAsync(TimeSpan olderThan, CancellationToken cancellationToken = default)
    {
        int files = 0;
        long bytes = 0;
        List<Guid> pending;
        await using (LikenessDbContext db = database.CreateDbContext())
        {
            pending = [.. (await db.Deletions.AsNoTracking().Select(d => new { d.Id, d.PendingAssets }).ToListAsync(cancellationToken).ConfigureAwait(false))
                .Where(d => d.PendingAssets.Count > 0).Select(d => d.Id)];
        }

        foreach (Guid record in pending)
        {
            files += await RemoveListedAsync(record, cancellationToken).ConfigureAwait(false);
        }

        HashSet<string> referenced = await ReferencedAsync(cancellationToken).ConfigureAwait(false);
        DateTimeOffset cutoff = time.GetUtcNow() - olderThan;
        var orphans = new List<StoredAsset>();
        await foreach (StoredAsset asset in assets.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!referenced.Contains(asset.Sha256) && asset.WrittenAt <= cutoff)
            {
                orphans.Add(asset);
            }
        }

        foreach (StoredAsset orphan in orphans)
        {
            await assets.DeleteAsync(orphan.Sha256, cancellationToken).ConfigureAwait(false);
            files++;
            bytes += orphan.SizeBytes;
        }

        return new SweepReport(files, bytes);
    }

    /// <summary>
    /// Removes the files a delete listed that are still unreferenced (a row added since may have taken the same
    /// content back), then empties the list. Returns how many it removed; a failure is logged and left to the doctor.
    /// </summary>
    internal async Task<int> RemoveListedAsync(Guid recordId, CancellationToken cancellationToken)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        DeletionRecord record = await db.Deletions.SingleAsync(d => d.Id == recordId, cancellationToken).ConfigureAwait(false);
        HashSet<string> referenced = await ReferencedAsync(db, cancellationToken).ConfigureAwait(false);
        int removed = 0;
        try
        {
            foreach (string sha256 in record.PendingAssets.Where(a => !referenced.Contains(a)))
            {
                await assets.DeleteAsync(sha256, cancellationToken).ConfigureAwait(false);
                removed++;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            WorkspaceLog.DeletedFilesLeft(_log, recordId, ex.Message);
            return removed;
        }

        record.FilesRemoved();
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return removed;
    }

    /// <summary>Every asset a row references (references, shots' images, videos, identity models' stored files, studies' files), leaving out the rows in <paramref name="except"/>.</summary>
    internal static async Task<HashSet<string>> ReferencedAsync(LikenessDbContext db, CancellationToken cancellationToken, IReadOnlyCollection<Guid>? except = null)
    {
        except ??= [];
        var referenced = new HashSet<string>(StringComparer.Ordinal);
        referenced.UnionWith(await db.References.Where(r => !except.Contains(r.Id)).Select(r => r.AssetSha256).ToListAsync(cancellationToken).ConfigureAwait(false));
        referenced.UnionWith((await db.Shots.Where(s => !except.Contains(s.Id)).Select(s => s.Assets).ToListAsync(cancellationToken).ConfigureAwait(false)).SelectMany(a => a));
        referenced.UnionWith(await db.Videos.Where(v => !except.Contains(v.Id) && v.AssetSha256 != null).Select(v => v.AssetSha256!).ToListAsync(cancellationToken).ConfigureAwait(false));
        // A study's published files (its report, results and pictures) stay as long as its row.
        referenced.UnionWith((await db.Studies.Select(st => st.Files).ToListAsync(cancellationToken).ConfigureAwait(false)).SelectMany(f => f.Values));
        foreach (IdentityModel model in await db.IdentityModels.AsNoTracking().Where(m => !except.Contains(m.Id)).ToListAsync(cancellationToken).ConfigureAwait(false))
        {
            referenced.UnionWith(model.Artifacts.Where(a => a.Sha256.Length > 0).Select(a => a.Sha256));
        }

        return referenced;
    }

    private async Task<HashSet<string>> ReferencedAsync(CancellationToken cancellationToken)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        return await ReferencedAsync(db, cancellationToken).ConfigureAwait(false);
    }
}
