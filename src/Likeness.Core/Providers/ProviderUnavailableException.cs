namespace Likeness.Core.Providers;

/// <summary>
/// A call refused in this process, before anything was sent: the provider's circuit breaker is open after a run of
/// outage answers (5xx, 429 storms, timeouts) and lets a probe through only after its break. Nothing was paid.
/// </summary>
public sealed class ProviderUnavailableException : ProviderException
{
    /// <summary>Creates the exception.</summary>
    public ProviderUnavailableException(string provider, string message, Exception? innerException = null)
        : base(provider, message, status: null, requestId: null, retriable: true, innerException)
    {
    }
}
