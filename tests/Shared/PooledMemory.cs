using System.Buffers;
using System.Diagnostics.Tracing;
using System.Runtime.CompilerServices;

namespace Likeness.Testing;

/// <summary>
/// What the shared array pools hand out and take back while counting (the runtime's ArrayPoolEventSource, whose
/// events are written on the renting thread): per pool, the most bytes rented and not yet returned at one moment.
/// Decoded pixels, row buffers and face crops come from <see cref="ArrayPool{T}.Shared"/> of bytes; the face nets'
/// tensors from the pool of floats. Allocation counters miss all of it once the pool holds buffers that size, which
/// is why a request's holdings are measured here. Only buffers rented after <see cref="Start"/> count (and, if asked,
/// only those rented on the thread that started the count, so tests running beside it do not).
/// </summary>
public sealed class PooledMemory : EventListener
{
    // Taken before the base constructor enables the events (field initialisers run first), released on Dispose.
    private readonly IDisposable _exclusive = MemoryMeasurement.Exclusive();
    private readonly Lock _gate = new();
    private readonly Dictionary<int, int> _poolOfBuffer = [];
    private readonly Dictionary<(int Pool, int Buffer), long> _out = [];
    private readonly Dictionary<int, long> _held = [];
    private readonly Dictionary<int, long> _peak = [];
    private bool _counting;
    private int _thread;

    /// <summary>The id the events give <see cref="ArrayPool{T}.Shared"/> of <typeparamref name="T"/>.</summary>
    public int PoolOf<T>()
    {
        T[] probe = ArrayPool<T>.Shared.Rent(17);
        ArrayPool<T>.Shared.Return(probe);
        lock (_gate)
        {
            return _poolOfBuffer.TryGetValue(RuntimeHelpers.GetHashCode(probe), out int pool)
                ? pool
                : throw new InvalidOperationException("The array pool's events are not arriving.");
        }
    }

    /// <summary>Starts counting from nothing held; with <paramref name="thisThreadOnly"/>, only this thread's rents.</summary>
    public void Start(bool thisThreadOnly = false)
    {
        lock (_gate)
        {
            _out.Clear();
            _held.Clear();
            _peak.Clear();
            _thread = thisThreadOnly ? Environment.CurrentManagedThreadId : 0;
            _counting = true;
        }
    }

    /// <summary>Stops counting and answers the peak bytes held from <paramref name="pool"/>.</summary>
    public long PeakOf(int pool)
    {
        lock (_gate)
        {
            _counting = false;
            return _peak.GetValueOrDefault(pool);
        }
    }

    /// <summary>Stops listening and lets the next measurement start.</summary>
    public override void Dispose()
    {
        base.Dispose();
        _exclusive.Dispose();
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "System.Buffers.ArrayPoolEventSource")
        {
            EnableEvents(eventSource, EventLevel.Verbose);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.Payload is not { Count: >= 3 } payload || payload[0] is not int buffer || payload[1] is not int size)
        {
            return;
        }

        lock (_gate)
        {
            if (eventData.EventName == "BufferRented" && payload[2] is int pool)
            {
                _poolOfBuffer[buffer] = pool;
                if (_counting && (_thread == 0 || _thread == Environment.CurrentManagedThreadId))
                {
                    _out[(pool, buffer)] = size;
                    long held = _held[pool] = _held.GetValueOrDefault(pool) + size;
                    _peak[pool] = Math.Max(_peak.GetValueOrDefault(pool), held);
                }
            }
            else if (eventData.EventName == "BufferReturned" && payload[2] is int from && _out.Remove((from, buffer), out long rented))
            {
                _held[from] -= rented;
            }
        }
    }
}
