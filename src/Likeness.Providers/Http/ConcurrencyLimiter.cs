namespace Likeness.Providers.Http;

/// <summary>
/// Caps how many calls a client has in flight at once, so a burst of shots waits here rather than piling up
/// at the provider (fal queues excess jobs rather than rejecting them, but they then age and time out).
/// </summary>
public sealed class ConcurrencyLimiter : IDisposable
{
    private readonly SemaphoreSlim _slots;

    /// <summary>Allows <paramref name="maxConcurrency"/> holders at once.</summary>
    public ConcurrencyLimiter(int maxConcurrency)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrency, 1);
        MaxConcurrency = maxConcurrency;
        _slots = new SemaphoreSlim(maxConcurrency, maxConcurrency);
    }

    /// <summary>The cap.</summary>
    public int MaxConcurrency { get; }

    /// <summary>Holders now.</summary>
    public int InUse => MaxConcurrency - _slots.CurrentCount;

    /// <summary>Waits for a slot; dispose the lease to give it back.</summary>
    public async ValueTask<Lease> AcquireAsync(CancellationToken cancellationToken = default)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Lease(_slots);
    }

    /// <summary>Releases the semaphore.</summary>
    public void Dispose() => _slots.Dispose();

    /// <summary>A held slot.</summary>
    public readonly struct Lease(SemaphoreSlim slots) : IDisposable
    {
        /// <summary>Gives the slot back; nothing to give back once the limiter itself was disposed.</summary>
        public void Dispose()
        {
            try
            {
                slots?.Release();
            }
            catch (ObjectDisposedException)
            {
                // The client was disposed while this call ran (its process is stopping): throwing here would hide the
                // call's own outcome, which its caller needs to settle what was sent.
            }
        }
    }
}
