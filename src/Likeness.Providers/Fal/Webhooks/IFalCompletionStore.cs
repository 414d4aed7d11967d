using System.Collections.Concurrent;

namespace Likeness.Providers.Fal.Webhooks;

/// <summary>
/// Remembers which fal requests have had their completion handled, so a redelivered webhook or a poll that
/// arrives after the webhook is a no-op. Implementations over a database make this hold across processes.
/// </summary>
public interface IFalCompletionStore
{
    /// <summary>Claims <paramref name="requestId"/> for handling; false when it is handled or being handled.</summary>
    Task<bool> TryClaimAsync(string requestId, CancellationToken cancellationToken = default);

    /// <summary>Gives a claim back after the handler failed, so the next delivery handles it.</summary>
    Task ReleaseAsync(string requestId, CancellationToken cancellationToken = default);
}

/// <summary>An in-process <see cref="IFalCompletionStore"/>.</summary>
public sealed class InMemoryFalCompletionStore : IFalCompletionStore
{
    private readonly ConcurrentDictionary<string, byte> _claimed = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<bool> TryClaimAsync(string requestId, CancellationToken cancellationToken = default) => Task.FromResult(_claimed.TryAdd(requestId, 0));

    /// <inheritdoc />
    public Task ReleaseAsync(string requestId, CancellationToken cancellationToken = default)
    {
        _claimed.TryRemove(requestId, out _);
        return Task.CompletedTask;
    }
}
