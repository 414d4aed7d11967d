namespace Likeness.Providers.Fal.Webhooks;

/// <summary>
/// The single door to a request's completion: webhook receiver and poller both call
/// <see cref="CompleteAsync"/>, and the handler runs once per request id, whichever comes first.
/// </summary>
public sealed class FalCompletions(IFalCompletionStore store, Func<FalCompletion, CancellationToken, Task> handler)
{
    /// <summary>Runs the handler unless this request was already completed; true when it ran.</summary>
    public async Task<bool> CompleteAsync(FalCompletion completion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(completion);
        if (!await store.TryClaimAsync(completion.RequestId, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        try
        {
            await handler(completion, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch
        {
            await store.ReleaseAsync(completion.RequestId, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }
}
