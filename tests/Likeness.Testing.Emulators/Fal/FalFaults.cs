namespace Likeness.Testing.Emulators.Fal;

/// <summary>Faults queued for the next matching requests, consumed in the order they were injected.</summary>
public sealed class FalFaults
{
    private readonly Lock _gate = new();
    private readonly List<Entry> _entries = [];
    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _taken;

    /// <summary>How many requests got an injected fault so far (each one reached the emulator).</summary>
    public int Taken => Volatile.Read(ref _taken);

    /// <summary>
    /// The next <paramref name="count"/> HTTP requests whose path (relative to the emulated host, e.g.
    /// <c>fal-ai/flux-lora</c> or <c>storage/</c>) starts with <paramref name="pathPrefix"/> (null: any) get
    /// <paramref name="fault"/> instead of being handled.
    /// </summary>
    public void Inject(FalFault fault, int count, string? pathPrefix = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        lock (_gate)
        {
            _entries.Add(new Entry(fault, pathPrefix?.TrimStart('/'), count));
        }
    }

    /// <summary>Completes once a request is held by a <see cref="FalFault.Hold"/> fault: a test waits on it instead of polling.</summary>
    public Task HeldAsync() => _held.Task;

    /// <summary>A request is being held.</summary>
    internal void Holding() => _held.TrySetResult();

    /// <summary>Takes one fault for a request to <paramref name="path"/>, if one is waiting for it.</summary>
    internal FalFault? TryTake(string path)
    {
        lock (_gate)
        {
            Entry? entry = _entries.Find(e => e.PathPrefix is null || path.StartsWith(e.PathPrefix, StringComparison.Ordinal));
            if (entry is null)
            {
                return null;
            }

            entry.Remaining--;
            _taken++;
            if (entry.Remaining == 0)
            {
                _entries.Remove(entry);
            }

            return entry.Fault;
        }
    }

    private sealed class Entry(FalFault fault, string? pathPrefix, int remaining)
    {
        public FalFault Fault { get; } = fault;

        public string? PathPrefix { get; } = pathPrefix;

        public int Remaining { get; set; } = remaining;
    }
}
