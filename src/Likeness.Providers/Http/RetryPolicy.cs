namespace Likeness.Providers.Http;

/// <summary>Decides whether an answer or a failure may be retried, and how long to wait first.</summary>
public static class RetryPolicy
{
    /// <summary>Whether <paramref name="response"/> may be retried for a request of <paramref name="kind"/>.</summary>
    public static bool IsRetriable(HttpResponseMessage response, RequestKind kind, HttpPipelineOptions options)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(options);
        int status = (int)response.StatusCode;
        if (options.NeverRetry?.Invoke(response) == true)
        {
            return false;
        }

        if (kind != RequestKind.Submission)
        {
            return options.RetriableStatuses.Contains(status) || options.IdempotentRetriableStatuses.Contains(status);
        }

        if (status == 429)
        {
            // A refusal: nothing was queued (fal's queue never turns work away for concurrency).
            return true;
        }

        // A gateway 5xx on a submission is ambiguous: the gateway may have forwarded it before failing, and
        // nothing in the answer tells. Re-sending could pay twice, so it is opt-in.
        return options.RetryAmbiguousSubmissions && options.RetriableStatuses.Contains(status)
            && (options.RequestIdHeader is null || !response.Headers.Contains(options.RequestIdHeader));
    }

    /// <summary>Whether a transport failure may be retried: always for idempotent requests, else only when no byte was sent.</summary>
    public static bool IsRetriable(Exception failure, RequestKind kind) =>
        kind != RequestKind.Submission || NeverSent(failure);

    /// <summary>True when the connection was never established, so the server cannot have seen the request.</summary>
    public static bool NeverSent(Exception failure) =>
        failure is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError };

    /// <summary>
    /// The wait before retry number <paramref name="retry"/> (1-based): the server's <c>Retry-After</c> when it
    /// sent one, else exponential backoff; jittered and capped at <see cref="RetryOptions.MaxDelay"/>.
    /// </summary>
    public static TimeSpan DelayBefore(int retry, HttpResponseMessage? response, RetryOptions options, DateTimeOffset now, Random random)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(random);
        if (RetryAfter(response, now) is { } serverSays)
        {
            return Min(serverSays, options.MaxDelay);
        }

        double backoff = options.InitialDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, retry - 1));
        double jittered = backoff * (1 + (options.Jitter * ((2 * random.NextDouble()) - 1)));
        return Min(TimeSpan.FromMilliseconds(Math.Max(0, jittered)), options.MaxDelay);
    }

    /// <summary>
    /// <see cref="DelayBefore"/> raised to the provider's least wait for the answer's status
    /// (<see cref="HttpPipelineOptions.MinimumDelays"/>).
    /// </summary>
    public static TimeSpan DelayFor(int retry, HttpResponseMessage? response, HttpPipelineOptions options, DateTimeOffset now, Random random)
    {
        ArgumentNullException.ThrowIfNull(options);
        TimeSpan delay = DelayBefore(retry, response, options.Retry, now, random);
        return response is not null && options.MinimumDelays.TryGetValue((int)response.StatusCode, out TimeSpan least) && least > delay ? least : delay;
    }

    /// <summary>The <c>Retry-After</c> of <paramref name="response"/> as a wait from <paramref name="now"/>, if any.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage? response, DateTimeOffset now)
    {
        var header = response?.Headers.RetryAfter;
        TimeSpan? wait = header?.Delta ?? (header?.Date is { } date ? date - now : null);
        return wait is { } w ? (w < TimeSpan.Zero ? TimeSpan.Zero : w) : null;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
