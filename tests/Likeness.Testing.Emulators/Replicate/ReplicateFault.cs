namespace Likeness.Testing.Emulators.Replicate;

/// <summary>What an injected fault does to a request.</summary>
public enum ReplicateFault
{
    /// <summary>429 with Replicate's throttling body and <c>Retry-After</c>, the request not handled.</summary>
    Throttle429,

    /// <summary>500 from the API, the request not handled.</summary>
    InternalError500,

    /// <summary>502 from a gateway, the request not handled.</summary>
    BadGateway502,

    /// <summary>503, the request not handled.</summary>
    ServiceUnavailable503,

    /// <summary>Reads the request, then aborts the connection without an answer (the request not handled).</summary>
    DropConnection,

    /// <summary>Handles the request (a create is recorded) but answers 503: the ambiguous case.</summary>
    ProcessThen503,

    /// <summary>Handles the request (a create is recorded), then aborts the connection.</summary>
    ProcessThenDrop,
}

/// <summary>Faults for the next matching requests, taken in the order they were injected.</summary>
public sealed class ReplicateFaults
{
    private readonly Lock _gate = new();
    private readonly List<(ReplicateFault Fault, string Method, string? Path, int[] Left)> _queued = [];

    /// <summary>The next <paramref name="count"/> <paramref name="method"/> requests whose API path starts with <paramref name="pathPrefix"/> (null: any) get <paramref name="fault"/>.</summary>
    public void Inject(ReplicateFault fault, int count, string method, string? pathPrefix = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        lock (_gate)
        {
            _queued.Add((fault, method.ToUpperInvariant(), pathPrefix?.Trim('/'), [count]));
        }
    }

    internal ReplicateFault? Take(string method, string path)
    {
        lock (_gate)
        {
            int index = _queued.FindIndex(q => q.Method == method && (q.Path is null || path.StartsWith(q.Path, StringComparison.Ordinal)));
            if (index < 0)
            {
                return null;
            }

            var entry = _queued[index];
            if (--entry.Left[0] == 0)
            {
                _queued.RemoveAt(index);
            }

            return entry.Fault;
        }
    }
}
