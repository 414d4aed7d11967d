using System.Net;
using System.Text.Json;
using Likeness.Providers.Fal.Models;
using Likeness.Providers.Fal.Storage;
using Likeness.Providers.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Likeness.Providers.Fal;

/// <summary>
/// fal.ai's queue and sync APIs: submit, status (with logs), result and cancel, always through the URLs
/// submit returns; uploads through <see cref="Storage"/>. Retries follow fal's official clients (429 and
/// gateway 502/503/504 with backoff and jitter, <c>Retry-After</c> honoured, a caller-timeout 504 never),
/// and a submission is never re-sent when fal may already have it (see <see cref="SubmitAsync"/>).
/// Thread-safe; one per process.
/// </summary>
public partial class FalClient : IDisposable
{
    /// <summary>The header fal puts on the answers of requests it accepted.</summary>
    public const string RequestIdHeader = "x-fal-request-id";

    /// <summary>The error type of a result fal no longer keeps (<see cref="GetResultAsync"/> answered 404).</summary>
    internal const string ResultExpired = "result_expired";

    /// <summary>The error type of a file fal no longer serves (<see cref="DownloadAsync"/> answered 404).</summary>
    internal const string MediaExpired = "media_expired";

    private readonly ProviderHttpClient? _transport;
    private readonly ConcurrencyLimiter _jobs = null!;
    private readonly ILogger _log = NullLogger.Instance;

    /// <summary>
    /// Creates a client. Without <paramref name="httpClient"/> it builds its own handler stack with
    /// <see cref="HttpRules"/>; with one, that client must already carry it, as a factory client registered with
    /// <c>services.AddHttpClient&lt;FalClient&gt;(...).AddLikenessProviderHandlers("fal", _ =&gt; FalClient.HttpRules(options))</c>
    /// does; it is not disposed with this client.
    /// </summary>
    public FalClient(FalClientOptions options, HttpClient? httpClient = null, TimeProvider? time = null, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        Time = time ?? TimeProvider.System;
        ILoggerFactory logs = loggers ?? NullLoggerFactory.Instance;
        _log = logs.CreateLogger<FalClient>();
        _transport = new ProviderHttpClient("fal", HttpRules(options), httpClient, Time, logs);
        _jobs = new ConcurrencyLimiter(options.MaxConcurrentJobs);
        Storage = new FalStorage(this);
    }

    /// <summary>For mocking.</summary>
    protected FalClient()
    {
        Options = new FalClientOptions();
        Time = TimeProvider.System;
        Storage = null!;
    }

    /// <summary>The options in force.</summary>
    public FalClientOptions Options { get; }

    /// <summary>The clock used for polling and timeouts.</summary>
    public TimeProvider Time { get; }

    /// <summary>fal storage: uploads and data URIs.</summary>
    public virtual FalStorage Storage { get; }

    /// <summary>
    /// fal's HTTP rules: <paramref name="options"/>'s retries and limits, fal's request-id header (a 5xx that carries
    /// it came from fal's application, so a submission is not re-sent) and a caller-timeout 504 final, unless set otherwise.
    /// </summary>
    public static HttpPipelineOptions HttpRules(FalClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Http with
        {
            RequestIdHeader = options.Http.RequestIdHeader ?? RequestIdHeader,
            NeverRetry = options.Http.NeverRetry ?? IsCallerTimeout,
        };
    }

    /// <summary>True for a 504 caused by the caller's own <c>X-Fal-Request-Timeout</c>: retrying cannot help.</summary>
    public static bool IsCallerTimeout(HttpResponseMessage response) =>
        response is { StatusCode: HttpStatusCode.GatewayTimeout } && response.Headers.TryGetValues("X-Fal-Request-Timeout-Type", out var values)
        && values.Any(v => v.Equals("user", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Queues <paramref name="input"/> at <paramref name="endpointId"/> (<c>POST {queue}/{endpoint}[?fal_webhook=]</c>).
    /// A 429 proves nothing was queued and is retried with backoff. A 5xx that carries <c>x-fal-request-id</c>
    /// is checked: the client asks fal for that request's status and continues with it when fal knows it,
    /// submitting again only when fal answers that it does not (404). Any other 5xx, a dropped connection or a
    /// timeout is ambiguous (fal may have queued the work before failing) and is not re-sent: it throws with
    /// <see cref="Core.Providers.ProviderException.OutcomeUnknown"/> unless <see cref="HttpPipelineOptions.RetryAmbiguousSubmissions"/> is on.
    /// </summary>
    public virtual async Task<FalRequestHandle> SubmitAsync(string endpointId, JsonElement input, Uri? webhookUrl = null, CancellationToken cancellationToken = default)
    {
        FalEndpoint.Validate(endpointId);
        var uri = new Uri(Options.QueueUri, endpointId + (webhookUrl is null ? "" : "?fal_webhook=" + Uri.EscapeDataString(webhookUrl.AbsoluteUri)));
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(input, FalJson.Options);
        for (int verified = 0; ; verified++)
        {
            using HttpResponseMessage response = await SendAsync(() => JsonRequest(HttpMethod.Post, uri, body), RequestKind.Submission, $"Submitting to {endpointId}", cancellationToken).ConfigureAwait(false);
            string? requestId = RequestIdOf(response);
            if (response.IsSuccessStatusCode)
            {
                JsonElement json = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
                FalQueueStatus status = FalJson.Read<FalQueueStatus>(json);
                string id = status.RequestId ?? requestId ?? throw new FalException($"fal accepted a submission to {endpointId} without a request id.", (int)response.StatusCode);
                FalLog.Submitted(_log, id, endpointId);
                FalRequestHandle fallback = Rehydrate(endpointId, id);
                return new FalRequestHandle(
                    endpointId, id,
                    UriOr(status.StatusUrl, fallback.StatusUrl), UriOr(status.ResponseUrl, fallback.ResponseUrl), UriOr(status.CancelUrl, fallback.CancelUrl),
                    status.QueuePosition);
            }

            if ((int)response.StatusCode >= 500 && requestId is not null && verified < 1)
            {
                // fal assigned an id before failing: find out whether the queue has it instead of paying twice.
                FalRequestHandle candidate = Rehydrate(endpointId, requestId);
                FalLog.SubmissionAmbiguous(_log, endpointId, requestId, (int)response.StatusCode);
                if (await ExistsAsync(candidate, cancellationToken).ConfigureAwait(false))
                {
                    return candidate;
                }

                continue;
            }

            FalException error = await ErrorAsync(response, $"Submitting to {endpointId}", cancellationToken).ConfigureAwait(false);
            if ((int)response.StatusCode >= 500 && !IsCallerTimeout(response))
            {
                // Not re-sent: fal may have queued it before the gateway failed (see the class remarks).
                throw new FalException(
                    $"{error.Message} fal may or may not have queued it, so it was not submitted again; check https://fal.ai/dashboard/requests before retrying.",
                    error.Status, error.RequestId, error.Body, error.ErrorType, error.ValidationErrors, retriable: false, outcomeUnknown: true, innerException: error);
            }

            throw error;
        }
    }

    /// <summary>Queues a typed input (serialised with <see cref="FalJson.Options"/>).</summary>
    public Task<FalRequestHandle> SubmitAsync<TInput>(string endpointId, TInput input, Uri? webhookUrl = null, CancellationToken cancellationToken = default) =>
        SubmitAsync(endpointId, FalJson.ToElement(input), webhookUrl, cancellationToken);

    /// <summary>Rebuilds a handle from an endpoint id and a stored request id (status/result/cancel use <c>owner/app</c> only).</summary>
    public FalRequestHandle Rehydrate(string endpointId, string requestId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requestId);
        string baseUrl = $"{FalEndpoint.AppIdOf(endpointId)}/requests/{Uri.EscapeDataString(requestId)}";
        return new FalRequestHandle(endpointId, requestId, new Uri(Options.QueueUri, baseUrl + "/status"), new Uri(Options.QueueUri, baseUrl), new Uri(Options.QueueUri, baseUrl + "/cancel"));
    }

    /// <summary>The request's status (<c>GET status_url[?logs=1]</c>): 202 while queued or running, 200 once completed.</summary>
    public virtual async Task<FalQueueStatus> GetStatusAsync(FalRequestHandle handle, bool logs = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handle);
        Uri uri = WithQuery(handle.StatusUrl, "logs", logs ? "1" : "0");
        using HttpResponseMessage response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, uri), RequestKind.Idempotent, "Reading the status", cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await ErrorAsync(response, $"Reading the status of {handle.RequestId}", cancellationToken).ConfigureAwait(false);
        }

        return FalJson.Read<FalQueueStatus>(await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// The request's result (<c>GET response_url</c>): the model's output, or a <see cref="FalException"/> with
    /// the model's own error (e.g. 422 with validation details). fal keeps results 1 h (6 min when ≥ 10 KB):
    /// read it as soon as the request completes.
    /// </summary>
    public virtual async Task<FalResult<JsonElement>> GetResultAsync(FalRequestHandle handle, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handle);
        using HttpResponseMessage response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, handle.ResponseUrl), RequestKind.Idempotent, "Reading the result", cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            FalException error = await ErrorAsync(response, $"Request {handle.RequestId} at {handle.EndpointId}", cancellationToken).ConfigureAwait(false);
            throw response.StatusCode == HttpStatusCode.NotFound
                ? new FalException($"The result of {handle.RequestId} is gone (fal keeps results 1 h, 6 min when large): {error.Message}", 404, handle.RequestId, error.Body, ResultExpired, innerException: error)
                : error;
        }

        return new FalResult<JsonElement>(await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false), handle.RequestId, (int)response.StatusCode);
    }

    /// <summary>Asks fal to cancel (<c>PUT cancel_url</c>): a queued request is removed, a running one gets a cancel signal.</summary>
    public virtual async Task<FalCancelResult> CancelAsync(FalRequestHandle handle, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handle);
        using HttpResponseMessage response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Put, handle.CancelUrl), RequestKind.Idempotent, "Cancelling", cancellationToken).ConfigureAwait(false);
        int status = (int)response.StatusCode;
        if (status is 200 or 202 or 400 or 404)
        {
            string text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                using JsonDocument doc = JsonDocument.Parse(text);
                if (doc.RootElement.TryGetProperty("status", out JsonElement s) && s.GetString() is { } value)
                {
                    return new FalCancelResult(value, status);
                }
            }
            catch (JsonException)
            {
                // Not fal's cancel shape: fall through to the error.
            }
        }

        throw FalException.FromResponse(status, await ProviderTransport.ReadBodyAsync(response, cancellationToken).ConfigureAwait(false), RequestIdOf(response) ?? handle.RequestId, ErrorTypeOf(response), $"Cancelling {handle.RequestId}");
    }

    /// <summary>
    /// Polls until the request completes, reporting each status. After <paramref name="timeout"/> (default
    /// <see cref="FalClientOptions.JobTimeout"/>) it asks fal to cancel, as the official clients do, and throws.
    /// </summary>
    public virtual async Task<FalQueueStatus> WaitForCompletionAsync(
        FalRequestHandle handle, IProgress<FalQueueStatus>? progress = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handle);
        DateTimeOffset deadline = Time.GetUtcNow() + (timeout ?? Options.JobTimeout);
        while (true)
        {
            FalQueueStatus status = await GetStatusAsync(handle, logs: progress is not null, cancellationToken).ConfigureAwait(false);
            progress?.Report(status);
            if (status.IsCompleted)
            {
                return status;
            }

            if (Time.GetUtcNow() >= deadline)
            {
                await CancelQuietlyAsync(handle).ConfigureAwait(false);
                throw new FalException($"Request {handle.RequestId} at {handle.EndpointId} did not complete within {(timeout ?? Options.JobTimeout).TotalSeconds:0} s; cancellation was requested.", requestId: handle.RequestId, errorType: "client_timeout");
            }

            await Task.Delay(Options.PollInterval, Time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Submits, waits and reads the result, holding one of <see cref="FalClientOptions.MaxConcurrentJobs"/>
    /// slots throughout; a failed completion throws the model's error. When the caller cancels after the
    /// submission, fal is asked to cancel too, so a request nobody waits for is not left running and billed.
    /// A cancellation that arrives while the submission is in flight does not abandon it: its answer carries
    /// the request id that cancelling needs (the handlers' attempt timeout and retry limit bound that wait).
    /// </summary>
    public virtual Task<FalResult<TOutput>> SubscribeAsync<TInput, TOutput>(
        string endpointId, TInput input, IProgress<FalQueueStatus>? progress = null, CancellationToken cancellationToken = default) =>
        SubscribeAsync<TInput, TOutput>(endpointId, input, progress, null, cancellationToken);

    /// <summary>
    /// As <see cref="SubscribeAsync{TInput, TOutput}(string, TInput, IProgress{FalQueueStatus}?, CancellationToken)"/>,
    /// telling <paramref name="submitted"/> the handle the moment fal has queued the request (to record it, so another
    /// process can collect the answer with <see cref="CollectAsync{TOutput}"/> should this one stop).
    /// </summary>
    public virtual async Task<FalResult<TOutput>> SubscribeAsync<TInput, TOutput>(
        string endpointId, TInput input, IProgress<FalQueueStatus>? progress, Func<FalRequestHandle, Task>? submitted, CancellationToken cancellationToken)
    {
        using (await _jobs.AcquireAsync(cancellationToken).ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            FalRequestHandle handle = await SubmitAsync(endpointId, input, null, CancellationToken.None).ConfigureAwait(false);
            return await AwaitAsync<TOutput>(handle, progress, submitted, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Waits for a request queued earlier (by this process or one that stopped; see <see cref="Rehydrate"/>) and reads
    /// its result, holding a slot as <see cref="SubscribeAsync{TInput, TOutput}(string, TInput, IProgress{FalQueueStatus}?, CancellationToken)"/> does.
    /// </summary>
    public virtual async Task<FalResult<TOutput>> CollectAsync<TOutput>(FalRequestHandle handle, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handle);
        using (await _jobs.AcquireAsync(cancellationToken).ConfigureAwait(false))
        {
            return await AwaitAsync<TOutput>(handle, null, null, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<FalResult<TOutput>> AwaitAsync<TOutput>(
        FalRequestHandle handle, IProgress<FalQueueStatus>? progress, Func<FalRequestHandle, Task>? submitted, CancellationToken cancellationToken)
    {
        try
        {
            if (submitted is not null)
            {
                await submitted(handle).ConfigureAwait(false);
            }

            cancellationToken.ThrowIfCancellationRequested();
            FalQueueStatus status = await WaitForCompletionAsync(handle, progress, null, cancellationToken).ConfigureAwait(false);
            FalResult<JsonElement> result;
            try
            {
                result = await GetResultAsync(handle, cancellationToken).ConfigureAwait(false);
            }
            catch (FalException ex) when (status.IsFailed && (ex.ErrorType is null || ex.Retriable))
            {
                // The status says the request failed: the result's error is fal's verdict on it, whatever its HTTP status
                // (an app that crashed answers 500), never a passing failure to retry or to collect again.
                throw new FalException(ex.Message, ex.Status, ex.RequestId, ex.Body, ex.ErrorType ?? status.ErrorType, ex.ValidationErrors, retriable: false, innerException: ex);
            }

            return new FalResult<TOutput>(FalJson.Read<TOutput>(result.Value), handle.RequestId, result.HttpStatus);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await CancelQuietlyAsync(handle).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="input"/> on the sync host (<c>POST {sync}/{endpoint}</c>) and returns the output.
    /// fal does not retry sync calls and fails them when no runner is free: use it for quick, cheap calls only.
    /// </summary>
    public virtual async Task<FalResult<JsonElement>> RunAsync(string endpointId, JsonElement input, CancellationToken cancellationToken = default)
    {
        FalEndpoint.Validate(endpointId);
        var uri = new Uri(Options.SyncUri, endpointId);
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(input, FalJson.Options);
        using HttpResponseMessage response = await SendAsync(() => JsonRequest(HttpMethod.Post, uri, body), RequestKind.Submission, $"Running {endpointId}", cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await ErrorAsync(response, $"Running {endpointId}", cancellationToken).ConfigureAwait(false);
        }

        return new FalResult<JsonElement>(await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false), RequestIdOf(response), (int)response.StatusCode);
    }

    /// <summary>Downloads a file fal returned: a hosted URL (fetched without the key) or a <c>data:</c> URI (decoded here).</summary>
    public virtual async Task<byte[]> DownloadAsync(string url, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        if (DataUri.TryDecode(url, out byte[]? inline, out _))
        {
            return inline;
        }

        var uri = new Uri(url, UriKind.Absolute);
        using HttpResponseMessage response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, uri), RequestKind.Idempotent, "Downloading", cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            int status = (int)response.StatusCode;
            bool keySent = KeyCarried.By(response);
            // A 404, or a 403 from the media host (no key went there: an expired link), says the file is gone.
            bool gone = status == 404 || (status == 403 && !keySent);
            throw new FalException(
                $"Downloading {uri.GetLeftPart(UriPartial.Path)} failed with HTTP {status}{(gone ? " (fal media expire; they are copied at once for this reason)" : "")}.",
                status, errorType: gone ? MediaExpired : null, retriable: status is 429 or >= 500)
            {
                KeySent = keySent,
            };
        }

        return await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Releases the HTTP client (when owned) and the limiters.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases resources.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing && _jobs is not null)
        {
            _jobs.Dispose();
            _transport?.Dispose();
        }
    }

    private async Task<bool> ExistsAsync(FalRequestHandle handle, CancellationToken cancellationToken)
    {
        try
        {
            await GetStatusAsync(handle, false, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (FalException ex) when (ex.Status == 404)
        {
            return false;
        }
    }

    private async Task CancelQuietlyAsync(FalRequestHandle handle)
    {
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10), Time);
            await CancelAsync(handle, cts.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FalException or OperationCanceledException)
        {
            FalLog.CancelFailed(_log, handle.RequestId, ex.Message);
        }
    }

    private static Uri UriOr(string? text, Uri fallback) => text is not null && Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) ? uri : fallback;

    private static Uri WithQuery(Uri uri, string name, string value)
    {
        var builder = new UriBuilder(uri);
        string query = builder.Query.TrimStart('?');
        builder.Query = (query.Length == 0 ? "" : query + "&") + name + "=" + value;
        return builder.Uri;
    }
}
