using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Likeness.Providers.Http;

/// <summary>
/// Sends a provider's HTTP requests with the retry rules of <see cref="RetryPolicy"/>, a per-attempt timeout
/// and a cap on calls in flight. Each attempt builds a fresh request (a sent request cannot be re-sent).
/// Non-success answers that are not retried are returned to the caller, who turns them into its error type.
/// </summary>
public sealed class HttpPipeline : IDisposable
{
    private readonly HttpClient _http;
    private readonly HttpPipelineOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly ConcurrencyLimiter _limiter;
    private readonly string _name;

    /// <summary>Creates the pipeline over <paramref name="http"/> (not owned; its own timeout should be infinite).</summary>
    public HttpPipeline(HttpClient http, HttpPipelineOptions options, string name, TimeProvider? time = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _http = http;
        _options = options;
        _name = name;
        _time = time ?? TimeProvider.System;
        _log = logger ?? NullLogger.Instance;
        _limiter = new ConcurrencyLimiter(options.MaxConcurrency);
    }

    /// <summary>The options in force.</summary>
    public HttpPipelineOptions Options => _options;

    /// <summary>
    /// Sends the request <paramref name="create"/> builds, retrying as <paramref name="kind"/> allows. Returns
    /// the last answer (success or not); throws the transport failure when retries run out, a
    /// <see cref="TimeoutException"/> when the last attempt timed out, or
    /// <see cref="RequestOutcomeUnknownException"/> when a submission's answer was lost.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(
        Func<HttpRequestMessage> create, RequestKind kind, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(create);
        RetryOptions retry = _options.Retry;
        for (int attempt = 0; ; attempt++)
        {
            using HttpRequestMessage request = create();
            string method = request.Method.Method, path = request.RequestUri?.AbsolutePath ?? "";
            HttpResponseMessage? response = null;
            Exception? failure = null;
            using (await _limiter.AcquireAsync(cancellationToken).ConfigureAwait(false))
            {
                using var timeout = new CancellationTokenSource(_options.AttemptTimeout, _time);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
                try
                {
                    response = await _http.SendAsync(request, completion, linked.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
                {
                    failure = new TimeoutException($"{method} {path} took longer than {_options.AttemptTimeout.TotalSeconds:0.#} s.", ex);
                }
                catch (HttpRequestException ex)
                {
                    failure = ex;
                }
            }

            if (response is not null)
            {
                if (response.IsSuccessStatusCode || attempt >= retry.MaxRetries || !RetryPolicy.IsRetriable(response, kind, _options))
                {
                    return response;
                }

                TimeSpan wait = RetryPolicy.DelayBefore(attempt + 1, response, retry, _time.GetUtcNow(), Random.Shared);
                HttpLog.RetryingStatus(_log, _name, method, path, (int)response.StatusCode, attempt + 1, retry.MaxRetries, wait.TotalMilliseconds);
                response.Dispose();
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            Exception error = failure!;
            if (!RetryPolicy.IsRetriable(error, kind))
            {
                HttpLog.OutcomeUnknown(_log, _name, method, path, error.Message);
                throw new RequestOutcomeUnknownException(
                    $"{method} {path}: the request was sent but its answer was lost ({error.Message}). It creates paid work, so it was not sent again.", error);
            }

            if (attempt >= retry.MaxRetries)
            {
                throw error;
            }

            TimeSpan delay = RetryPolicy.DelayBefore(attempt + 1, null, retry, _time.GetUtcNow(), Random.Shared);
            HttpLog.RetryingFailure(_log, _name, method, path, error.Message, attempt + 1, retry.MaxRetries, delay.TotalMilliseconds);
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Releases the concurrency limiter.</summary>
    public void Dispose() => _limiter.Dispose();
}
