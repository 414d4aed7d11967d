namespace Likeness.Providers.Http;

/// <summary>What repeating a request would do, which decides what may be retried. Travels with the request (<see cref="ProviderRequest"/>).</summary>
public enum RequestKind
{
    /// <summary>
    /// Reads and commands that are safe to repeat (status, result, cancel, uploads to a presigned URL):
    /// retried on retriable statuses and on any network error or timeout.
    /// </summary>
    Idempotent,

    /// <summary>
    /// A POST that creates paid work (a queue submission). It is retried only when the answer proves the
    /// server did not take it: a 429, or a connection that was never established. A lost answer, a timeout
    /// or a 5xx is ambiguous and is not re-sent blindly (see <see cref="HttpPipelineOptions.RetryAmbiguousSubmissions"/>).
    /// </summary>
    Submission,
}
