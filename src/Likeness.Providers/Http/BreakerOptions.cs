namespace Likeness.Providers.Http;

/// <summary>
/// A provider's circuit breaker (Polly's, in <see cref="ProviderHttpHandlers"/>): when at least
/// <see cref="MinimumThroughput"/> attempts in <see cref="SamplingDuration"/> saw outage answers (5xx, 429, a timeout,
/// a connection error) at <see cref="FailureRatio"/> or more, calls are refused in-process for
/// <see cref="BreakDuration"/>; then one probe goes through (half-open) and its outcome closes or re-opens the circuit.
/// One per provider per process. The defaults (80 % of at least 40 attempts in 30 s) leave a short 429 storm that the
/// retries ride out alone (UNCONFIRMED as the best thresholds for each provider). A refused call is a <see cref="Core.Providers.ProviderUnavailableException"/>: nothing
/// was sent, so a route may fall through to its next entry.
/// </summary>
public sealed record BreakerOptions
{
    /// <summary>Share of failed attempts in the window that opens the circuit.</summary>
    public double FailureRatio { get; init; } = 0.8;

    /// <summary>Attempts in the window before the ratio counts (so a few failures alone never open it).</summary>
    public int MinimumThroughput { get; init; } = 40;

    /// <summary>The window the ratio is measured over.</summary>
    public TimeSpan SamplingDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the circuit stays open before a probe.</summary>
    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Checks the values against Polly's limits.</summary>
    public void Validate()
    {
        if (FailureRatio is <= 0 or > 1 || double.IsNaN(FailureRatio))
        {
            throw new ArgumentOutOfRangeException(nameof(FailureRatio), FailureRatio, "The failure ratio must be in (0, 1].");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MinimumThroughput, 2, nameof(MinimumThroughput));
        if (SamplingDuration < TimeSpan.FromMilliseconds(500))
        {
            throw new ArgumentOutOfRangeException(nameof(SamplingDuration), SamplingDuration, "The sampling window must be at least 0.5 s.");
        }

        if (BreakDuration < TimeSpan.FromMilliseconds(500))
        {
            throw new ArgumentOutOfRangeException(nameof(BreakDuration), BreakDuration, "The break must be at least 0.5 s.");
        }
    }
}
