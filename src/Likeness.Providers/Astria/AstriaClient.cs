using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Likeness.Providers.Astria.Callbacks;
using Likeness.Providers.Astria.Models;
using Likeness.Providers.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Likeness.Providers.Astria;

/// <summary>
/// Astria's API (providers.md §3): tunes and their prompts. Retries follow Astria's guidance (§3.3): 429 and reads
/// with backoff, a 500 no sooner than 30 s, 422 never. A paid submission is never re-sent blindly: an ambiguous tune
/// submission is looked up by its title (a transaction UUID) after 60 s, and sent again only when the account's
/// title idempotency makes that safe; an ambiguous prompt is reported. Thread-safe; one per process.
/// </summary>
public partial class AstriaClient : IDisposable
{
    /// <summary>The <c>model_type</c> of a FaceID tune (no training; see <see cref="TuneRequest"/>).</summary>
    internal const string FaceIdModelType = "faceid";

    private readonly ProviderHttpClient? _transport;
    private readonly ConcurrencyLimiter _jobs = null!;
    private readonly ILogger _log = NullLogger.Instance;

    /// <summary>
    /// Creates a client. Without <paramref name="httpClient"/> it builds its own handler stack with
    /// <see cref="AstriaClientOptions.Http"/>; with one, that client must already carry it (see
    /// <c>AddLikenessProviderHandlers</c>); it is not disposed with this client.
    /// </summary>
    public AstriaClient(AstriaClientOptions options, HttpClient? httpClient = null, TimeProvider? time = null, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        Time = time ?? TimeProvider.System;
        ILoggerFactory logs = loggers ?? NullLoggerFactory.Instance;
        _log = logs.CreateLogger<AstriaClient>();
        _transport = new ProviderHttpClient(AstriaDescriptor.Name, options.Http, httpClient, Time, logs);
        _jobs = new ConcurrencyLimiter(options.MaxConcurrentJobs);
        Callbacks = new AstriaCallbacks(options.CallbackUrl, Time, logs.CreateLogger<AstriaCallbacks>());
    }

    /// <summary>For mocking.</summary>
    protected AstriaClient()
    {
        Options = new AstriaClientOptions();
        Time = TimeProvider.System;
        Callbacks = new AstriaCallbacks(null);
    }

    /// <summary>The options in force.</summary>
    public AstriaClientOptions Options { get; }

    /// <summary>The clock used for polling and waits.</summary>
    public TimeProvider Time { get; }

    /// <summary>The callback jobs: hand deliveries to <see cref="AstriaCallbacks.Receive"/>.</summary>
    public AstriaCallbacks Callbacks { get; }

    /// <summary>
    /// A tune's <c>POST /tunes</c>. A FaceID tune is trained at creation and free (docs/astria.md, Prices): it creates no
    /// paid work, so it does not raise the caller's sending signal (<see cref="ProviderRequest.Unpaid"/>), and a process
    /// that stops between it and its prompt's POST has sent nothing billable: its shot is sent afresh, and the tune found
    /// again by its title. Any other tune is a paid training.
    /// </summary>
    private static HttpRequestMessage TuneRequest(Uri uri, AstriaTuneRequest request)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, uri) { Content = TuneForm(request) };
        return request.ModelType == FaceIdModelType ? message.Unpaid() : message;
    }

    /// <summary>
    /// Creates a tune (<c>POST /tunes</c>, multipart). A 429 is retried by the handler stack. A 5xx or a lost answer is
    /// ambiguous: after <see cref="AstriaClientOptions.AmbiguousRecheckDelay"/> the tune is looked up by its title and
    /// returned when Astria has it; otherwise it is sent once more only with <see cref="AstriaClientOptions.TitleIdempotency"/>,
    /// else an <see cref="AstriaException"/> with <see cref="Core.Providers.ProviderException.OutcomeUnknown"/> is thrown. A 422 is final.
    /// </summary>
    public virtual async Task<AstriaTune> CreateTuneAsync(AstriaTuneRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Title);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Name);
        if (request.Images.Count == 0 && request.ImageUrls.Count == 0)
        {
            throw new ArgumentException("A tune needs images or image URLs.", nameof(request));
        }

        var uri = new Uri(Options.BaseUri, "tunes");
        for (int sent = 1; ; sent++)
        {
            AstriaException ambiguous;
            try
            {
                using HttpResponseMessage response = await SendAsync(() => TuneRequest(uri, request), RequestKind.Submission, $"Creating tune '{request.Title}'", cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    AstriaTune tune = AstriaJson.Read<AstriaTune>(await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false));
                    AstriaLog.TuneCreated(_log, tune.Id, request.Title, tune.Branch);
                    return tune;
                }

                AstriaException error = await ErrorAsync(response, $"Creating tune '{request.Title}'", cancellationToken).ConfigureAwait(false);
                if ((int)response.StatusCode < 500)
                {
                    throw error;
                }

                ambiguous = error;
            }
            catch (AstriaException ex) when (ex.OutcomeUnknown)
            {
                ambiguous = ex;
            }

            AstriaLog.TuneAmbiguous(_log, request.Title, ambiguous.Message, Options.AmbiguousRecheckDelay.TotalSeconds);
            await Task.Delay(Options.AmbiguousRecheckDelay, Time, cancellationToken).ConfigureAwait(false);
            if (await FindTuneByTitleAsync(request.Title, cancellationToken).ConfigureAwait(false) is { } found)
            {
                AstriaLog.TuneFoundByTitle(_log, request.Title, found.Id);
                return found;
            }

            if (!Options.TitleIdempotency || sent >= 2)
            {
                throw new AstriaException(
                    $"{ambiguous.Message} Astria has no tune titled '{request.Title}' yet, so it was not sent again (a re-send could pay twice; turn on idempotency in Astria's API settings and TitleIdempotency to allow it). Check https://www.astria.ai/tunes before retrying.",
                    ambiguous.Status, body: ambiguous.Body, outcomeUnknown: true, innerException: ambiguous);
            }
        }
    }

    /// <summary>A tune (<c>GET /tunes/:id</c>).</summary>
    public virtual async Task<AstriaTune> GetTuneAsync(long tuneId, CancellationToken cancellationToken = default) =>
        AstriaJson.Read<AstriaTune>(await GetJsonAsync($"tunes/{tuneId}", $"Reading tune {tuneId}", cancellationToken).ConfigureAwait(false));

    /// <summary>The account's tunes, newest first (<c>GET /tunes?offset=</c>; Astria pages them).</summary>
    public virtual async Task<IReadOnlyList<AstriaTune>> ListTunesAsync(int offset = 0, CancellationToken cancellationToken = default) =>
        AstriaJson.Read<List<AstriaTune>>(await GetJsonAsync($"tunes?offset={offset}", "Listing tunes", cancellationToken).ConfigureAwait(false));

    /// <summary>The newest tune with exactly this title, looked for on the first page of <see cref="ListTunesAsync"/>, or null.</summary>
    public virtual async Task<AstriaTune?> FindTuneByTitleAsync(string title, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        return (await ListTunesAsync(0, cancellationToken).ConfigureAwait(false)).FirstOrDefault(t => string.Equals(t.Title, title, StringComparison.Ordinal));
    }

    /// <summary>Deletes a tune (<c>DELETE /tunes/:id</c>): a tune in training stops; true when Astria had it.</summary>
    public virtual async Task<bool> DeleteTuneAsync(long tuneId, CancellationToken cancellationToken = default)
    {
        using HttpResponseMessage response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Delete, new Uri(Options.BaseUri, $"tunes/{tuneId}")), RequestKind.Idempotent, $"Deleting tune {tuneId}", cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        return response.IsSuccessStatusCode ? true : throw await ErrorAsync(response, $"Deleting tune {tuneId}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Creates a prompt (<c>POST /tunes/:tune_id/prompts</c>, JSON). Never re-sent after a 5xx or a lost answer (prompts are
    /// paid and only deduplicated by account setting): that throws with <see cref="Core.Providers.ProviderException.OutcomeUnknown"/>.
    /// </summary>
    public virtual async Task<AstriaPrompt> CreatePromptAsync(long tuneId, AstriaPromptRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Text);
        var uri = new Uri(Options.BaseUri, $"tunes/{tuneId}/prompts");
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["prompt"] = JsonSerializer.SerializeToNode(request, AstriaJson.Options) }, AstriaJson.Options);
        using HttpResponseMessage response = await SendAsync(() => JsonRequest(HttpMethod.Post, uri, body), RequestKind.Submission, $"Creating a prompt on tune {tuneId}", cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            AstriaPrompt prompt = AstriaJson.Read<AstriaPrompt>(await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false));
            AstriaLog.PromptCreated(_log, prompt.Id, tuneId);
            return prompt;
        }

        AstriaException error = await ErrorAsync(response, $"Creating a prompt on tune {tuneId}", cancellationToken).ConfigureAwait(false);
        if ((int)response.StatusCode >= 500)
        {
            throw new AstriaException(
                $"{error.Message} Astria may or may not have made the prompt, so it was not sent again; check the tune's prompts before retrying.",
                error.Status, body: error.Body, outcomeUnknown: true, innerException: error);
        }

        throw error;
    }

    /// <summary>A prompt (<c>GET /tunes/:tune_id/prompts/:id</c>).</summary>
    public virtual async Task<AstriaPrompt> GetPromptAsync(long tuneId, long promptId, CancellationToken cancellationToken = default) =>
        AstriaJson.Read<AstriaPrompt>(await GetJsonAsync($"tunes/{tuneId}/prompts/{promptId}", $"Reading prompt {promptId}", cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// Follows a prompt until its images are ready: it reads the prompt when <paramref name="callback"/> arrives and, in any
    /// case, every <see cref="AstriaClientOptions.PollInterval"/> (<see cref="AstriaClientOptions.SlowPollInterval"/> when a
    /// callback is expected), so a lost callback loses nothing. Throws after <see cref="AstriaClientOptions.JobTimeout"/>,
    /// retriable: the prompt runs on at Astria, whose word a later read gets. A 404 within
    /// <see cref="AstriaClientOptions.NotFoundGrace"/> of the start is read again (a read racing the create); after it,
    /// it is Astria's word that the prompt is gone.
    /// </summary>
    public virtual async Task<AstriaPrompt> WaitForPromptAsync(long tuneId, long promptId, AstriaCallbackTicket? callback = null, CancellationToken cancellationToken = default)
    {
        DateTimeOffset began = Time.GetUtcNow();
        DateTimeOffset deadline = began + Options.JobTimeout;
        TimeSpan interval = callback is null ? Options.PollInterval : Options.SlowPollInterval;
        Task? signal = callback?.Arrived;
        while (true)
        {
            try
            {
                AstriaPrompt prompt = await GetPromptAsync(tuneId, promptId, cancellationToken).ConfigureAwait(false);
                if (prompt.IsDone)
                {
                    if (callback is not null)
                    {
                        Callbacks.Complete(callback.Job);
                    }

                    return prompt;
                }
            }
            catch (AstriaException ex) when (ex.Status == 404 && Time.GetUtcNow() < began + Options.NotFoundGrace)
            {
                // Not visible yet: read again at the next poll.
            }

            if (Time.GetUtcNow() >= deadline)
            {
                throw new AstriaException(
                    $"Prompt {promptId} on tune {tuneId} was not done within {Options.JobTimeout.TotalSeconds:0} s.", requestId: promptId.ToString(System.Globalization.CultureInfo.InvariantCulture), retriable: true);
            }

            if (await WakeAsync(signal, interval, cancellationToken).ConfigureAwait(false))
            {
                // One wake-up per callback: after it, only polling (a callback before the images were ready is a no-op).
                signal = null;
            }
        }
    }

    /// <summary>Creates a prompt and waits for it, holding one of <see cref="AstriaClientOptions.MaxConcurrentJobs"/> slots.</summary>
    public virtual Task<AstriaPrompt> RunPromptAsync(long tuneId, AstriaPromptRequest request, CancellationToken cancellationToken = default) =>
        RunPromptResumableAsync(tuneId, request, null, cancellationToken);

    /// <summary>
    /// As <see cref="RunPromptAsync(long, AstriaPromptRequest, CancellationToken)"/>, telling <paramref name="created"/> the
    /// prompt the moment Astria made it, before the wait (the same wait as <see cref="FollowPromptAsync"/>, with a callback).
    /// </summary>
    public virtual async Task<AstriaPrompt> RunPromptResumableAsync(long tuneId, AstriaPromptRequest request, Func<AstriaPrompt, Task>? created, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        using (await _jobs.AcquireAsync(cancellationToken).ConfigureAwait(false))
        {
            AstriaCallbackTicket? ticket = Callbacks.Open($"prompt-{Guid.NewGuid():N}");
            AstriaPrompt made = await CreatePromptAsync(tuneId, request with { Callback = ticket?.Url.AbsoluteUri }, cancellationToken).ConfigureAwait(false);
            if (created is not null)
            {
                await created(made).ConfigureAwait(false);
            }

            return await WaitForPromptAsync(tuneId, made.Id, ticket, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Follows a prompt made earlier (by another process, whose callback is lost with it) until its images are ready,
    /// polling, and holding a slot as <see cref="RunPromptResumableAsync"/> does.
    /// </summary>
    public virtual async Task<AstriaPrompt> FollowPromptAsync(long tuneId, long promptId, CancellationToken cancellationToken = default)
    {
        using (await _jobs.AcquireAsync(cancellationToken).ConfigureAwait(false))
        {
            return await WaitForPromptAsync(tuneId, promptId, null, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Downloads an image Astria returned (fetched without the key when it is not on the API host).</summary>
    public virtual async Task<byte[]> DownloadAsync(string url, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        var uri = new Uri(url, UriKind.Absolute);
        using HttpResponseMessage response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, uri), RequestKind.Idempotent, "Downloading", cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            // A 429 or 5xx from the image host passes (the image is still there); a 4xx says it is not.
            throw new AstriaException($"Downloading {uri.GetLeftPart(UriPartial.Path)} failed with HTTP {(int)response.StatusCode}.", (int)response.StatusCode, retriable: (int)response.StatusCode is 429 or >= 500)
            {
                KeySent = KeyCarried.By(response),
            };
        }

        return await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Waits <paramref name="interval"/>, or less when <paramref name="signal"/> completes first; true when it did (a
    /// callback arrived). A signal completed already returns at once, so a callback between two polls is not missed.
    /// </summary>
    internal async Task<bool> WakeAsync(Task? signal, TimeSpan interval, CancellationToken cancellationToken)
    {
        if (signal is null)
        {
            await Task.Delay(interval, Time, cancellationToken).ConfigureAwait(false);
            return false;
        }

        using var nap = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task sleep = Task.Delay(interval, Time, nap.Token);
        Task first = await Task.WhenAny(sleep, signal).ConfigureAwait(false);
        await nap.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return first == signal;
    }

    /// <summary>Releases the HTTP client (when owned) and the limiter.</summary>
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

    /// <summary>The multipart form of a tune, Rails-style keys.</summary>
    private static MultipartFormDataContent TuneForm(AstriaTuneRequest request)
    {
        var form = new MultipartFormDataContent();
        void Field(string name, string? value)
        {
            if (value is not null)
            {
                form.Add(new StringContent(value), $"tune[{name}]");
            }
        }

        Field("name", request.Name);
        Field("title", request.Title);
        Field("branch", request.Branch);
        Field("base_tune_id", request.BaseTuneId?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Field("model_type", request.ModelType);
        Field("preset", request.Preset);
        Field("token", request.Token);
        Field("face_crop", request.FaceCrop is { } crop ? (crop ? "true" : "false") : null);
        Field("steps", request.Steps?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Field("callback", request.Callback?.AbsoluteUri);
        foreach (string url in request.ImageUrls)
        {
            form.Add(new StringContent(url), "tune[image_urls][]");
        }

        foreach (AstriaUpload image in request.Images)
        {
            var file = new ReadOnlyMemoryContent(image.Bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue(image.ContentType);
            form.Add(file, "tune[images][]", image.FileName);
        }

        return form;
    }
}
