namespace Likeness.Providers.Http;

/// <summary>
/// Holds requests back so a client never exceeds its provider's <see cref="RequestRateLimit"/>: a sliding window of
/// the last starts on the handlers' clock, and a lockout after a 429. One per provider per process (it lives in
/// <see cref="ProviderHttpHandlers"/>), so every caller of the provider shares it.
/// </summary>
public sealed class RequestPacer
{
    private readonly Lock _gate = new();
    private readonly Queue<DateTimeOffset> _starts = new();
    private readonly RequestRateLimit _limit;
    private readonly TimeProvider _time;
    private DateTimeOffset _lockedUntil = DateTimeOffset.MinValue;

    /// <summary>Paces to <paramref name="limit"/> on <paramref name="time"/>.</summary>
    public RequestPacer(RequestRateLimit limit, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(limit);
        ArgumentNullException.ThrowIfNull(time);
        limit.Validate();
        _limit = limit;
        _time = time;
    }

    /// <summary>Waits until a request may start, and counts it as started.</summary>
    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait = TryStart();
            if (wait <= TimeSpan.Zero)
            {
                return;
            }

            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Records that the provider answered 429: nothing starts until its lockout has passed.</summary>
    public void Refused()
    {
        lock (_gate)
        {
            DateTimeOffset until = _time.GetUtcNow() + _limit.LockoutAfter429;
            if (until > _lockedUntil)
            {
                _lockedUntil = until;
            }
        }
    }

    /// <summary>Starts a request now (returns zero) or says how long to wait before asking again.</summary>
    private TimeSpan TryStart()
    {
        lock (_gate)
        {
            DateTimeOffset now = _time.GetUtcNow();
            if (now < _lockedUntil)
            {
                return _lockedUntil - now;
            }

            while (_starts.Count > 0 && _starts.Peek() <= now - _limit.Window)
            {
                _starts.Dequeue();
            }

            if (_starts.Count < _limit.Permits)
            {
                _starts.Enqueue(now);
                return TimeSpan.Zero;
            }

            return _starts.Peek() + _limit.Window - now;
        }
    }
}
