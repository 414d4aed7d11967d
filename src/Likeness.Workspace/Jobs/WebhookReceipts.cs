using Likeness.Workspace.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Likeness.Workspace.Jobs;

/// <summary>
/// Provider webhooks taken for handling, in the database: the first delivery of a completion, on whichever node,
/// inserts its receipt and handles it; every other delivery of it (a redelivery, a retry, another node) finds the
/// row and does nothing. A failed handling gives its receipt back.
/// </summary>
public sealed class WebhookReceipts(IDbContextFactory<LikenessDbContext> database, TimeProvider time)
{
    /// <summary>Takes the completion of <paramref name="requestId"/> at <paramref name="provider"/>; false when it was taken before.</summary>
    public async Task<bool> TryTakeAsync(string provider, string requestId, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        db.WebhookReceipts.Add(WebhookReceipt.Create(provider, requestId, time));
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DbUpdateException)
        {
            // Taken before (the key exists), or a real failure, which the lookup then throws or reports as not taken.
            if (await ExistsAsync(provider, requestId, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            throw;
        }
    }

    /// <summary>Gives a receipt back after its handling failed, so the provider's next delivery is handled.</summary>
    public async Task ReleaseAsync(string provider, string requestId, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        await db.WebhookReceipts.Where(r => r.Provider == provider && r.RequestId == requestId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> ExistsAsync(string provider, string requestId, CancellationToken cancellationToken)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        return await db.WebhookReceipts.AnyAsync(r => r.Provider == provider && r.RequestId == requestId, cancellationToken).ConfigureAwait(false);
    }
}
