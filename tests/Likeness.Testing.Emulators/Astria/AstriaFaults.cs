namespace Likeness.Testing.Emulators.Astria;

/// <summary>Faults waiting for the next matching requests (method and path prefix), consumed in injection order.</summary>
public sealed class AstriaFaults
{
    private readonly Lock _gate = new();
    private readonly List<(AstriaFault Fault, string? Method, string? Path, int[] Left)> _waiting = [];
    private readonly List<(string? Kind, int[] Left)> _lostCallbacks = [];
    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once a request is held by a <see cref="AstriaFault.ProcessedThenHold"/> fault: a test waits on it instead of polling.</summary>
    public Task HeldAsync() => _held.Task;

    /// <summary>
    /// The next <paramref name="count"/> requests with <paramref name="method"/> (null: any) whose path under the API
    /// (e.g. <c>tunes</c>, <c>tunes/1000/prompts</c>) starts with <paramref name="path"/> (null: any) get <paramref name="fault"/>.
    /// </summary>
    public void Inject(AstriaFault fault, int count, string? method = null, string? path = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        lock (_gate)
        {
            _waiting.Add((fault, method, path, [count]));
        }
    }

    /// <summary>
    /// The next <paramref name="count"/> callbacks of <paramref name="kind"/> ("tune" or "prompt"; null: any) are lost
    /// on the way (Astria does not retry them).
    /// </summary>
    public void LoseCallbacks(int count, string? kind = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        lock (_gate)
        {
            _lostCallbacks.Add((kind, [count]));
        }
    }

    /// <summary>A request is being held.</summary>
    internal void Holding() => _held.TrySetResult();

    internal AstriaFault? TryTake(string method, string path)
    {
        lock (_gate)
        {
            int index = _waiting.FindIndex(w => (w.Method is null || w.Method == method) && (w.Path is null || path.StartsWith(w.Path, StringComparison.Ordinal)));
            if (index < 0)
            {
                return null;
            }

            var entry = _waiting[index];
            if (--entry.Left[0] == 0)
            {
                _waiting.RemoveAt(index);
            }

            return entry.Fault;
        }
    }

    internal bool TakeLostCallback(string kind)
    {
        lock (_gate)
        {
            int index = _lostCallbacks.FindIndex(l => l.Kind is null || l.Kind == kind);
            if (index < 0)
            {
                return false;
            }

            if (--_lostCallbacks[index].Left[0] == 0)
            {
                _lostCallbacks.RemoveAt(index);
            }

            return true;
        }
    }
}
