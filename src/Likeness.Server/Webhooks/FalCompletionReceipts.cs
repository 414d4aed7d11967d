using Likeness.Providers.Fal.Webhooks;
using Likeness.Workspace.Jobs;

namespace Likeness.Server.Webhooks;

/// <summary>fal's completion idempotency record in the database (<see cref="WebhookReceipts"/>), so it holds across nodes.</summary>
internal sealed class FalCompletionReceipts(WebhookReceipts receipts) : IFalCompletionStore
{
    private const string Provider = "fal";

    public Task<bool> TryClaimAsync(string requestId, CancellationToken cancellationToken = default) => receipts.TryTakeAsync(Provider, requestId, cancellationToken);

    public Task ReleaseAsync(string requestId, CancellationToken cancellationToken = default) => receipts.ReleaseAsync(Provider, requestId, cancellationToken);
}
