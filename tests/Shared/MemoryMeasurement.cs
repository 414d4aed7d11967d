namespace Likeness.Testing;

/// <summary>
/// Keeps measurements of memory apart: while a <see cref="PooledMemory"/> listens, every rent from the shared pools,
/// on any thread, writes an event whose payload allocates on the renting thread, so an allocation count taken beside
/// a listening test counts the listener. Each listener holds this gate while it lives; a test that counts allocations
/// takes it around the count.
/// </summary>
public static class MemoryMeasurement
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>Waits until no other measurement runs; disposing the answer lets the next one start.</summary>
    public static IDisposable Exclusive()
    {
        Gate.Wait();
        return new Release();
    }

    private sealed class Release : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                Gate.Release();
            }
        }
    }
}
