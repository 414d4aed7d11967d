using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Likeness.Providers.Fal.Storage;
using Likeness.Providers.Http;
using Likeness.Providers.Replicate.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Likeness.Providers.Replicate;

/// <summary>
/// Replicate's HTTP API (providers.md §2): predictions in the version, model and deployment forms (held with
/// <c>Prefer: wait</c>, then polled through <c>urls.get</c>, bounded with <c>Cancel-After</c>), cancel, trainings
/// (creating the destination model when missing), files and the webhook signing secret. Retries follow the
/// official clients: reads on 429 and 5xx, creates on 429 only, <c>Retry-After</c> honoured; a create whose answer
/// is lost or is a 5xx is never re-sent (Replicate has no idempotency key, so it could run and bill twice).
/// Thread-safe; one per process.
/// </summary>
public partial class ReplicateClient : IDisposable
{
    private readonly ProviderHttpClient? _transport;
    private readonly ConcurrencyLimiter _jobs = null!;
    private readonly ILogger _log = NullLogger.Instance;

    /// <summary>The client every call goes through (its handler stack applies the provider's HTTP rules).</summary>
    private HttpClient Http => _transport!.Client;

    /// <summary>
    /// Creates a client. Without <paramref name="httpClient"/> it builds its own handler stack from
    /// <see cref="ReplicateClientOptions.Http"/>; with one, that client must already carry it
    /// (<c>AddLikenessProviderHandlers("replicate", _ =&gt; options.Http)</c>); it is not disposed with this client.
    /// </summary>
    public ReplicateClient(ReplicateClientOptions options, HttpClient? httpClient = null, TimeProvider? time = null, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        Time = time ?? TimeProvider.System;
        ILoggerFactory logs = loggers ?? NullLoggerFactory.Instance;
        _log = logs.CreateLogger<ReplicateClient>();
        _transport = new ProviderHttpClient(ReplicateDescriptor.Name, options.Http, httpClient, Time, logs);
        _jobs = new ConcurrencyLimiter(options.MaxConcurrentJobs);
    }

    /// <summary>For mocking.</summary>
    protected ReplicateClient()
    {
        Options = new ReplicateClientOptions();
        Time = TimeProvider.System;
    }

    /// <summary>The options in force.</summary>
    public ReplicateClientOptions Options { get; }

    /// <summary>The clock used for polling, deadlines and webhook ages.</summary>
    public TimeProvider Time { get; }

    /// <summary>
    /// Creates a prediction. With <see cref="ReplicateRunOptions.Wait"/> Replicate holds the call (201 with the output
    /// when it finished, 202 when not). A 429 is retried; anything else that fails is thrown, a lost answer or a 5xx
    /// as <see cref="Core.Providers.ProviderException.OutcomeUnknown"/>: Replicate may have created it, so it is not sent again.
    /// </summary>
    public virtual Task<ReplicatePrediction> CreatePredictionAsync(ReplicateTarget target, JsonElement input, ReplicateRunOptions? run = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        return CreateAsync(new Uri(Options.ApiUri, target.Path), target.Version is null ? null : new JsonObject { ["version"] = target.Version }, input, run, "prediction", target.Label, cancellationToken);
    }

    /// <summary>The prediction now (<c>GET /predictions/{id}</c>).</summary>
    public virtual Task<ReplicatePrediction> GetPredictionAsync(string id, CancellationToken cancellationToken = default) =>
        GetAsync(new Uri(Options.ApiUri, "predictions/" + Escape(id)), id, cancellationToken);

    /// <summary>Asks Replicate to cancel (<c>POST /predictions/{id}/cancel</c>); returns the prediction.</summary>
    public virtual Task<ReplicatePrediction> CancelPredictionAsync(string id, CancellationToken cancellationToken = default) =>
        PostForPredictionAsync(new Uri(Options.ApiUri, $"predictions/{Escape(id)}/cancel"), id, "Cancelling prediction", cancellationToken);

    /// <summary>
    /// Creates a training of <paramref name="trainer"/> (<c>owner/name:version</c>, or <c>owner/name</c> for its latest
    /// version) into <paramref name="destination"/> (<c>owner/name</c>), creating the destination model when it does not exist.
    /// </summary>
    public virtual async Task<ReplicatePrediction> CreateTrainingAsync(
        string trainer, string destination, JsonElement input, ReplicateModelSettings? destinationSettings = null, ReplicateRunOptions? run = null, CancellationToken cancellationToken = default)
    {
        (string owner, string name, string? version) = SplitModel(trainer);
        version ??= (await GetModelAsync(owner, name, cancellationToken).ConfigureAwait(false))?.LatestVersion?.Id
            ?? throw new ReplicateException($"The trainer {owner}/{name} has no published version (or does not exist).", 404);
        (string destOwner, string destName, _) = SplitModel(destination);
        await EnsureModelAsync(destOwner, destName, destinationSettings ?? new ReplicateModelSettings(), cancellationToken).ConfigureAwait(false);
        var uri = new Uri(Options.ApiUri, $"models/{Escape(owner)}/{Escape(name)}/versions/{Escape(version)}/trainings");
        return await CreateAsync(uri, new JsonObject { ["destination"] = $"{destOwner}/{destName}" }, input, (run ?? new ReplicateRunOptions()) with { Wait = null }, "training", $"{owner}/{name}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The training now (<c>GET /trainings/{id}</c>).</summary>
    public virtual Task<ReplicatePrediction> GetTrainingAsync(string id, CancellationToken cancellationToken = default) =>
        GetAsync(new Uri(Options.ApiUri, "trainings/" + Escape(id)), id, cancellationToken);

    /// <summary>Asks Replicate to cancel a training (<c>POST /trainings/{id}/cancel</c>).</summary>
    public virtual Task<ReplicatePrediction> CancelTrainingAsync(string id, CancellationToken cancellationToken = default) =>
        PostForPredictionAsync(new Uri(Options.ApiUri, $"trainings/{Escape(id)}/cancel"), id, "Cancelling training", cancellationToken);

    /// <summary>Reads a prediction or training through its <c>urls.get</c> (or by id when it has none).</summary>
    public virtual Task<ReplicatePrediction> RefreshAsync(ReplicatePrediction prediction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        return prediction.Urls?.Get is { } get ? GetAsync(get, prediction.Id, cancellationToken) : GetPredictionAsync(prediction.Id, cancellationToken);
    }

    /// <summary>
    /// Polls <paramref name="prediction"/> every <see cref="ReplicateClientOptions.PollInterval"/> until it is terminal,
    /// reporting each state. Past <paramref name="timeout"/> (default <see cref="ReplicateClientOptions.JobTimeout"/>) it
    /// asks Replicate to cancel and throws, retriable: the prediction ends (canceled, and billed for what ran) at
    /// Replicate, whose word a later read gets. A 404 within <see cref="ReplicateClientOptions.NotFoundGrace"/> of the
    /// start is read again (a read racing the create); after it, it is Replicate's word that it has no such prediction.
    /// </summary>
    public virtual async Task<ReplicatePrediction> WaitAsync(
        ReplicatePrediction prediction, IProgress<ReplicatePrediction>? progress = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        DateTimeOffset began = Time.GetUtcNow();
        DateTimeOffset deadline = began + (timeout ?? Options.JobTimeout);
        while (!prediction.IsTerminal)
        {
            if (Time.GetUtcNow() >= deadline)
            {
                await CancelQuietlyAsync(prediction.Id, training: false).ConfigureAwait(false);
                throw new ReplicateException(
                    $"Prediction {prediction.Id} did not finish within {(timeout ?? Options.JobTimeout).TotalSeconds:0} s; cancellation was requested.", predictionId: prediction.Id, retriable: true);
            }

            await Task.Delay(Options.PollInterval, Time, cancellationToken).ConfigureAwait(false);
            try
            {
                prediction = await RefreshAsync(prediction, cancellationToken).ConfigureAwait(false);
            }
            catch (ReplicateException ex) when (ex.Status == 404 && Time.GetUtcNow() < began + Options.NotFoundGrace)
            {
                continue;
            }

            progress?.Report(prediction);
        }

        return prediction;
    }

    /// <summary>
    /// Creates a prediction held with <c>Prefer: wait</c> and bounded with <c>Cancel-After</c>, then polls until it is
    /// terminal, holding one of <see cref="ReplicateClientOptions.MaxConcurrentJobs"/> slots. Returns the final object
    /// whatever its status. When the caller cancels after the create, Replicate is asked to cancel too.
    /// </summary>
    public virtual Task<ReplicatePrediction> RunAsync(ReplicateTarget target, JsonElement input, IProgress<ReplicatePrediction>? progress = null, CancellationToken cancellationToken = default) =>
        RunResumableAsync(target, input, null, progress, cancellationToken);

    /// <summary>
    /// As <see cref="RunAsync(ReplicateTarget, JsonElement, IProgress{ReplicatePrediction}?, CancellationToken)"/>, telling
    /// <paramref name="created"/> the prediction the moment Replicate created it, before the wait (the same wait as
    /// <see cref="FollowAsync"/>). With <paramref name="created"/> the create is not held with <c>Prefer: wait</c>:
    /// Replicate answers its id at once, so a process that stops under the call leaves an id to collect, not a lost create.
    /// </summary>
    public virtual async Task<ReplicatePrediction> RunResumableAsync(
        ReplicateTarget target, JsonElement input, Func<ReplicatePrediction, Task>? created, IProgress<ReplicatePrediction>? progress = null, CancellationToken cancellationToken = default)
    {
        using (await _jobs.AcquireAsync(cancellationToken).ConfigureAwait(false))
        {
            var run = new ReplicateRunOptions
            {
                Wait = created is null && Options.PreferWait > TimeSpan.Zero ? Options.PreferWait : null,
                CancelAfter = Options.JobTimeout,
            };
            ReplicatePrediction made = await CreateSeenThroughAsync(target, input, run, cancellationToken).ConfigureAwait(false);
            progress?.Report(made);
            try
            {
                if (created is not null)
                {
                    await created(made).ConfigureAwait(false);
                }

                cancellationToken.ThrowIfCancellationRequested();
                return await WaitAsync(made, progress, null, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await CancelQuietlyAsync(made.Id, training: false).ConfigureAwait(false);
                throw;
            }
        }
    }

    /// <summary>
    /// Follows a prediction created earlier (by another process) until it is terminal, as <see cref="RunResumableAsync"/>
    /// waits for one it created, holding a slot the same way. Returns the final object whatever its status.
    /// </summary>
    public virtual async Task<ReplicatePrediction> FollowAsync(string id, IProgress<ReplicatePrediction>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        using (await _jobs.AcquireAsync(cancellationToken).ConfigureAwait(false))
        {
            // Not read yet: the wait's first poll reads it by id, under the same 404 grace as a fresh one.
            return await WaitAsync(new ReplicatePrediction { Id = id, Status = ReplicateStatus.Starting }, progress, null, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The model <c>owner/name</c> (<c>GET /models/{owner}/{name}</c>), or null when it does not exist.</summary>
    public virtual async Task<ReplicateModel?> GetModelAsync(string owner, string name, CancellationToken cancellationToken = default)
    {
        var uri = new Uri(Options.ApiUri, $"models/{Escape(owner)}/{Escape(name)}");
        using HttpResponseMessage response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, uri), RequestKind.Idempotent, "Reading a model", cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        return response.IsSuccessStatusCode
            ? ReplicateJson.Read<ReplicateModel>(await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false))
            : throw await ErrorAsync(response, $"Reading model {owner}/{name}", null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The account the token belongs to (<c>GET /account</c>): its <c>username</c> owns destination models.</summary>
    public virtual async Task<string> GetAccountNameAsync(CancellationToken cancellationToken = default)
    {
        var uri = new Uri(Options.ApiUri, "account");
        using HttpResponseMessage response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, uri), RequestKind.Idempotent, "Reading the account", cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await ErrorAsync(response, "Reading the account", null, cancellationToken).ConfigureAwait(false);
        }

        JsonElement json = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
        return json.TryGetProperty("username", out JsonElement user) && user.GetString() is { Length: > 0 } name
            ? name
            : throw new ReplicateException("Replicate answered the account without a username.", (int)response.StatusCode);
    }

    /// <summary>Creates <c>owner/name</c> unless it exists (<c>POST /models</c>); a training's destination must exist first.</summary>
    public virtual async Task EnsureModelAsync(string owner, string name, ReplicateModelSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (await GetModelAsync(owner, name, cancellationToken).ConfigureAwait(false) is not null)
        {
            return;
        }

        var body = new JsonObject
        {
            ["owner"] = owner, ["name"] = name, ["visibility"] = settings.Visibility, ["hardware"] = settings.Hardware, ["description"] = settings.Description,
        };
        byte[] bytes = JsonSerializer.SerializeToUtf8Bytes(body, ReplicateJson.Options);
        using HttpResponseMessage response = await SendAsync(() => JsonRequest(HttpMethod.Post, new Uri(Options.ApiUri, "models"), bytes).Unpaid(), RequestKind.Submission, "Creating a model", cancellationToken).ConfigureAwait(false);
        // 409: created meanwhile (by another process); the training can go ahead.
        if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.Conflict)
        {
            throw await ErrorAsync(response, $"Creating model {owner}/{name}", null, cancellationToken).ConfigureAwait(false);
        }

        ReplicateLog.ModelCreated(_log, owner, name);
    }

    /// <summary>Uploads a file (<c>POST /files</c>, multipart); its <c>urls.get</c> is the input URL. Refused here above 100 MB, as Replicate would.</summary>
    public virtual async Task<ReplicateFile> UploadFileAsync(ReadOnlyMemory<byte> content, string contentType, string fileName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        if (content.Length > Options.MaxUploadBytes)
        {
            throw new ArgumentException($"Replicate takes files under {Options.MaxUploadBytes / 1_000_000} MB ({fileName} is {content.Length / 1_000_000.0:0.#} MB).");
        }

        if (System.Text.Encoding.UTF8.GetByteCount(fileName) > 255)
        {
            throw new ArgumentException("Replicate file names are at most 255 bytes of UTF-8.", nameof(fileName));
        }

        byte[] bytes = content.ToArray();
        HttpRequestMessage Create()
        {
            var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            form.Add(file, "content", fileName);
            form.Add(new StringContent(fileName), "filename");
            form.Add(new StringContent(contentType), "type");
            // Not the paid call: a caller's sending signal waits for the prediction or training that uses the file.
            return new HttpRequestMessage(HttpMethod.Post, new Uri(Options.ApiUri, "files")) { Content = form }.Unpaid();
        }

        using HttpResponseMessage response = await SendAsync(Create, RequestKind.Submission, "Uploading a file", cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await ErrorAsync(response, $"Uploading {fileName}", null, cancellationToken).ConfigureAwait(false);
        }

        return ReplicateJson.Read<ReplicateFile>(await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>An input URL for a file: a <c>data:</c> URL up to <see cref="ReplicateClientOptions.DataUriMaxBytes"/>, else an upload's <c>urls.get</c>.</summary>
    public virtual async Task<string> ToInputUrlAsync(ReadOnlyMemory<byte> content, string contentType, string fileName, CancellationToken cancellationToken = default)
    {
        if (content.Length <= Options.DataUriMaxBytes)
        {
            return DataUri.Encode(content.Span, contentType);
        }

        ReplicateFile file = await UploadFileAsync(content, contentType, fileName, cancellationToken).ConfigureAwait(false);
        return file.Urls.Get?.AbsoluteUri ?? throw new ReplicateException($"Replicate stored {fileName} without a URL.", predictionId: file.Id);
    }

    /// <summary>Downloads an output: a <c>replicate.delivery</c> URL (no token), an API file URL (token) or a <c>data:</c> URL.</summary>
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
            // A 429 or 5xx from the file host passes (the output is still there); a 404 or 410 says it is gone.
            throw new ReplicateException(
                $"Downloading {uri.GetLeftPart(UriPartial.Path)} failed with HTTP {(int)response.StatusCode}{(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone ? " (Replicate removes outputs after an hour; they are copied at once for this reason)" : "")}.",
                (int)response.StatusCode, retriable: (int)response.StatusCode is 429 or >= 500)
            {
                KeySent = KeyCarried.By(response), // An API file URL carries the token; a delivery URL does not.
            };
        }

        return await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The account's webhook signing secret (<c>GET /webhooks/default/secret</c> → <c>whsec_…</c>). Never logged.</summary>
    public virtual async Task<string> GetWebhookSecretAsync(CancellationToken cancellationToken = default)
    {
        var uri = new Uri(Options.ApiUri, "webhooks/default/secret");
        using HttpResponseMessage response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, uri), RequestKind.Idempotent, "Reading the webhook secret", cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await ErrorAsync(response, "Reading the webhook secret", null, cancellationToken).ConfigureAwait(false);
        }

        JsonElement json = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
        return json.TryGetProperty("key", out JsonElement key) && key.GetString() is { Length: > 0 } value
            ? value
            : throw new ReplicateException("Replicate answered the webhook secret without a key.", (int)response.StatusCode);
    }

    /// <summary>Splits <c>owner/name[:version]</c>.</summary>
    public static (string Owner, string Name, string? Version) SplitModel(string reference)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        int colon = reference.IndexOf(':', StringComparison.Ordinal);
        string model = colon < 0 ? reference : reference[..colon];
        string? version = colon < 0 ? null : reference[(colon + 1)..];
        string[] parts = model.Split('/');
        return parts.Length == 2 && parts.All(p => p.Length > 0) && version is not ""
            ? (parts[0], parts[1], version)
            : throw new ArgumentException($"'{reference}' is not owner/name or owner/name:version.", nameof(reference));
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

    /// <summary>
    /// Creates a prediction; when the caller cancels while the create is in flight, waits up to
    /// <see cref="ReplicateClientOptions.CancelGrace"/> more for its answer, so that a prediction Replicate already
    /// started gets cancelled there instead of running (and billing) until its <c>Cancel-After</c>.
    /// </summary>
    private async Task<ReplicatePrediction> CreateSeenThroughAsync(ReplicateTarget target, JsonElement input, ReplicateRunOptions run, CancellationToken cancellationToken)
    {
        using var grace = new CancellationTokenSource(Timeout.InfiniteTimeSpan, Time);
        using CancellationTokenRegistration graceOnCancel = cancellationToken.Register(() => grace.CancelAfter(Options.CancelGrace));
        return await CreatePredictionAsync(target, input, run, grace.Token).ConfigureAwait(false);
    }

    /// <summary>Cancels without letting a failure hide the caller's own outcome.</summary>
    internal async Task CancelQuietlyAsync(string id, bool training)
    {
        try
        {
            using var shortly = new CancellationTokenSource(TimeSpan.FromSeconds(10), Time);
            await (training ? CancelTrainingAsync(id, shortly.Token) : CancelPredictionAsync(id, shortly.Token)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ReplicateException or OperationCanceledException)
        {
            ReplicateLog.CancelFailed(_log, training ? "training" : "prediction", id, ex.Message);
        }
    }

    private async Task<ReplicatePrediction> CreateAsync(Uri uri, JsonObject? head, JsonElement input, ReplicateRunOptions? run, string kind, string label, CancellationToken cancellationToken)
    {
        run ??= new ReplicateRunOptions();
        JsonObject body = head ?? [];
        body["input"] = JsonNode.Parse(input.GetRawText());
        if (run.Webhook is { } webhook)
        {
            body["webhook"] = webhook.AbsoluteUri;
            if (run.WebhookEventsFilter is { } filter)
            {
                body["webhook_events_filter"] = new JsonArray([.. filter.Select(f => (JsonNode)f)]);
            }
        }

        byte[] bytes = JsonSerializer.SerializeToUtf8Bytes(body, ReplicateJson.Options);
        HttpRequestMessage Create()
        {
            HttpRequestMessage request = JsonRequest(HttpMethod.Post, uri, bytes);
            if (run.Wait is { } wait)
            {
                request.Headers.Add("Prefer", WaitHeader(wait));
            }

            if (run.CancelAfter is { } after)
            {
                request.Headers.Add("Cancel-After", DurationHeader(after));
            }

            return request;
        }

        using HttpResponseMessage response = await SendAsync(Create, RequestKind.Submission, $"Creating a {kind} of {label}", cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            ReplicateException error = await ErrorAsync(response, $"Creating a {kind} of {label}", null, cancellationToken).ConfigureAwait(false);
            if ((int)response.StatusCode >= 500)
            {
                // Not re-sent: there is no idempotency key, and Replicate may have created it before failing.
                throw new ReplicateException(
                    $"{error.Message} Replicate may or may not have created it, so it was not sent again; check https://replicate.com/{(kind == "training" ? "trainings" : "predictions")} before retrying.",
                    error.Status, null, error.Body, retriable: false, outcomeUnknown: true, innerException: error);
            }

            throw error;
        }

        ReplicatePrediction created = ReplicateJson.Read<ReplicatePrediction>(await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false));
        ReplicateLog.Created(_log, kind, created.Id, label, created.Status);
        return created;
    }

    private async Task<ReplicatePrediction> GetAsync(Uri uri, string id, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, uri), RequestKind.Idempotent, $"Reading {id}", cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await ErrorAsync(response, $"Reading {id}", id, cancellationToken).ConfigureAwait(false);
        }

        return ReplicateJson.Read<ReplicatePrediction>(await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false));
    }

    private async Task<ReplicatePrediction> PostForPredictionAsync(Uri uri, string id, string what, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, uri).Unpaid(), RequestKind.Submission, what, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await ErrorAsync(response, $"{what} {id}", id, cancellationToken).ConfigureAwait(false);
        }

        return ReplicateJson.Read<ReplicatePrediction>(await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false));
    }

    /// <summary><c>wait=N</c> with N in 1..60 (the OpenAPI's pattern).</summary>
    internal static string WaitHeader(TimeSpan wait) =>
        "wait=" + Math.Clamp((int)Math.Ceiling(wait.TotalSeconds), 1, 60).ToString(CultureInfo.InvariantCulture);

    /// <summary>A <c>Cancel-After</c> duration such as <c>1h30m45s</c>, at least 5 s.</summary>
    internal static string DurationHeader(TimeSpan after)
    {
        long total = Math.Max(5, (long)Math.Ceiling(after.TotalSeconds));
        long h = total / 3600, m = total % 3600 / 60, s = total % 60;
        return string.Create(CultureInfo.InvariantCulture, $"{(h > 0 ? $"{h}h" : "")}{(m > 0 ? $"{m}m" : "")}{(s > 0 || total < 60 ? $"{s}s" : "")}");
    }

    private static string Escape(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return Uri.EscapeDataString(id);
    }
}
