namespace Likeness.Providers.Http;

/// <summary>
/// How a provider's HTTP calls are retried, limited and timed out: the per-provider rules the handler stack
/// (<see cref="ProviderHttpHandlers"/>) applies. Each provider client fills in its own values (fal, Replicate,
/// Astria, Leonardo and Stability differ only here; see docs/providers.md, "HTTP").
/// </summary>
public sealed record HttpPipelineOptions
{
    /// <summary>Backoff settings.</summary>
    public RetryOptions Retry { get; set; } = new();

    /// <summary>Time one HTTP attempt may take before it counts as failed.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>HTTP calls in flight at once.</summary>
    public int MaxConcurrency { get; set; } = 16;

    /// <summary>Statuses retried for every kind of request (subject to <see cref="RequestIdHeader"/> for submissions).</summary>
    public IReadOnlySet<int> RetriableStatuses { get; set; } = new HashSet<int> { 429, 502, 503, 504 };

    /// <summary>Statuses retried only for idempotent requests (fal-js also retries 500 on status polls).</summary>
    public IReadOnlySet<int> IdempotentRetriableStatuses { get; set; } = new HashSet<int> { 500 };

    /// <summary>
    /// The header the provider's application sets on its own answers (fal: <c>x-fal-request-id</c>). A 5xx
    /// that carries it was produced after the request was accepted, so a submission is never re-sent.
    /// </summary>
    public string? RequestIdHeader { get; set; }

    /// <summary>
    /// Re-send a submission after a gateway 502/503/504 that carries no request id, as fal's official clients
    /// do. Off by default: such an answer does not prove the work was not queued, and re-sending may pay twice.
    /// </summary>
    public bool RetryAmbiguousSubmissions { get; set; }

    /// <summary>Answers that must never be retried whatever their status (fal: a 504 caused by the caller's own timeout).</summary>
    public Func<HttpResponseMessage, bool>? NeverRetry { get; set; }

    /// <summary>
    /// Least wait before retrying an answer with a given status, applied after <see cref="RetryOptions.MaxDelay"/>
    /// (Astria: a 500 after 30 s; Leonardo and Stability: a 429 after their 60 s window).
    /// </summary>
    public IReadOnlyDictionary<int, TimeSpan> MinimumDelays { get; set; } = new Dictionary<int, TimeSpan>();

    /// <summary>The provider's request rate, kept by the client (Stability: 150 per 10 s, 60 s lockout after a 429); null for none.</summary>
    public RequestRateLimit? RateLimit { get; set; }

    /// <summary>The provider's circuit breaker (<see cref="BreakerOptions"/>); null for none.</summary>
    public BreakerOptions? Breaker { get; set; } = new();

    /// <summary>Checks the values.</summary>
    public void Validate()
    {
        RateLimit?.Validate();
        Breaker?.Validate();
        ArgumentNullException.ThrowIfNull(Retry);
        Retry.Validate();
        if (AttemptTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(AttemptTimeout), AttemptTimeout, "The attempt timeout must be positive.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrency, 1);
        ArgumentNullException.ThrowIfNull(RetriableStatuses);
        ArgumentNullException.ThrowIfNull(IdempotentRetriableStatuses);
        ArgumentNullException.ThrowIfNull(MinimumDelays);
        if (MinimumDelays.Values.Any(d => d < TimeSpan.Zero))
        {
            throw new ArgumentOutOfRangeException(nameof(MinimumDelays), "Minimum delays must be non-negative.");
        }
    }
}
