using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Likeness.Providers.Http;
using Likeness.Providers.Leonardo.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Likeness.Providers.Leonardo;

/// <summary>
/// Leonardo.ai's REST API (providers.md §4): generations (create, poll, delete) and the two-step presigned
/// init-image upload. A 429 is retried after Leonardo's one-minute window; a submission whose answer is lost or
/// is a 5xx is reported as of unknown outcome and never re-sent (Leonardo has no idempotency key). Thread-safe;
/// one per process.
/// </summary>
public partial class LeonardoClient : IDisposable
{
    /// <summary>The header Likeness's Leonardo emulator puts on the images it renders; Leonardo itself never sends it.</summary>
    public const string SimulatedHeader = "X-Likeness-Simulated";

    private readonly ProviderHttpClient? _transport;
    private readonly ConcurrencyLimiter _jobs = null!;
    private readonly ILogger _log = NullLogger.Instance;

    /// <summary>The client every call goes through (its handler stack applies the provider's HTTP rules).</summary>
    private HttpClient Http => _transport!.Client;

    /// <summary>
    /// Creates a client. Without <paramref name="httpClient"/> it builds its own handler stack with
    /// <see cref="HttpRules"/>; with one, that client must already carry it; it is not disposed with this client.
    /// </summary>
    public LeonardoClient(LeonardoClientOptions options, HttpClient? httpClient = null, TimeProvider? time = null, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        Time = time ?? TimeProvider.System;
        ILoggerFactory logs = loggers ?? NullLoggerFactory.Instance;
        _log = logs.CreateLogger<LeonardoClient>();
        _transport = new ProviderHttpClient(LeonardoDescriptor.Name, HttpRules(options), httpClient, Time, logs);
        _jobs = new ConcurrencyLimiter(options.MaxConcurrentJobs);
    }

    /// <summary>For mocking.</summary>
    protected LeonardoClient()
    {
        Options = new LeonardoClientOptions();
        Time = TimeProvider.System;
    }

    /// <summary>The options in force.</summary>
    public LeonardoClientOptions Options { get; }

    /// <summary>The clock used for polling and timeouts.</summary>
    public TimeProvider Time { get; }

    /// <summary>
    /// Leonardo's HTTP rules on top of <paramref name="options"/>: a 429 waits at least the rate limit's minute
    /// (unless <see cref="HttpPipelineOptions.MinimumDelays"/> already says otherwise). Everything else is the stack's
    /// default: 429/502/503/504 retried, 500 too for reads, a paid submission re-sent only after a 429.
    /// </summary>
    public static HttpPipelineOptions HttpRules(LeonardoClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Http.MinimumDelays.ContainsKey(429)
            ? options.Http
            : options.Http with { MinimumDelays = new Dictionary<int, TimeSpan>(options.Http.MinimumDelays) { [429] = TimeSpan.FromSeconds(60) } };
    }

    /// <summary>
    /// Submits a generation (<c>POST /generations</c>) and returns its job: the id and the cost Leonardo reports.
    /// A 429 proves nothing was queued and is retried; a 5xx, a dropped connection or a timeout may have been
    /// queued (and billed) and throws with <see cref="Core.Providers.ProviderException.OutcomeUnknown"/> instead of paying twice.
    /// </summary>
    public virtual async Task<LeonardoGenerationJob> CreateGenerationAsync(LeonardoGenerationInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(input, LeonardoJson.Options);
        using HttpResponseMessage response = await SendAsync(() => JsonRequest(HttpMethod.Post, Api("generations"), body), RequestKind.Submission, "Submitting a generation", cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            LeonardoException error = await ErrorAsync(response, "Submitting a generation", null, cancellationToken).ConfigureAwait(false);
            if ((int)response.StatusCode >= 500)
            {
                throw new LeonardoException(
                    $"{error.Message} Leonardo may or may not have started it, so it was not submitted again; check your generations at https://app.leonardo.ai before retrying.",
                    error.Status, body: error.Body, outcomeUnknown: true, innerException: error);
            }

            throw error;
        }

        LeonardoGenerationJob job = LeonardoJson.Read<LeonardoCreateResponse>(await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false)).Job
            ?? throw new LeonardoException("Leonardo accepted a generation without an sdGenerationJob.", (int)response.StatusCode);
        string id = job.GenerationId ?? throw new LeonardoException("Leonardo accepted a generation without a generationId.", (int)response.StatusCode);
        LeonardoLog.Submitted(_log, id, job.Cost?.Amount, job.Cost?.Unit);
        return job;
    }

    /// <summary>Reads a generation (<c>GET /generations/{id}</c>); a 404 or an empty <c>generations_by_pk</c> throws.</summary>
    public virtual async Task<LeonardoGeneration> GetGenerationAsync(string generationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(generationId);
        using HttpResponseMessage response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, Api("generations/" + Uri.EscapeDataString(generationId))), RequestKind.Idempotent, "Reading a generation", cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await ErrorAsync(response, $"Reading generation {generationId}", generationId, cancellationToken).ConfigureAwait(false);
        }

        return LeonardoJson.Read<LeonardoGenerationResponse>(await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false)).Generation
            ?? throw new LeonardoException($"Leonardo does not know generation {generationId}.", 404, generationId);
    }

    /// <summary>Deletes a generation and its images at Leonardo (<c>DELETE /generations/{id}</c>).</summary>
    public virtual async Task DeleteGenerationAsync(string generationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(generationId);
        using HttpResponseMessage response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Delete, Api("generations/" + Uri.EscapeDataString(generationId))), RequestKind.Idempotent, "Deleting a generation", cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.NotFound)
        {
            throw await ErrorAsync(response, $"Deleting generation {generationId}", generationId, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Polls the generation through PENDING until it is COMPLETE or FAILED (both returned), reporting each read;
    /// throws after <paramref name="timeout"/> (default <see cref="LeonardoClientOptions.JobTimeout"/>), retriable: the
    /// generation runs on at Leonardo, whose word a later read gets. An unknown id within
    /// <see cref="LeonardoClientOptions.NotFoundGrace"/> of the start is read again (a read racing the create); after
    /// it, it is Leonardo's word that it has no such generation.
    /// </summary>
    public virtual async Task<LeonardoGeneration> WaitForGenerationAsync(
        string generationId, IProgress<LeonardoGeneration>? progress = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        TimeSpan limit = timeout ?? Options.JobTimeout;
        DateTimeOffset began = Time.GetUtcNow();
        DateTimeOffset deadline = began + limit;
        while (true)
        {
            LeonardoGeneration? generation;
            try
            {
                generation = await GetGenerationAsync(generationId, cancellationToken).ConfigureAwait(false);
                progress?.Report(generation);
                if (generation.IsDone)
                {
                    return generation;
                }
            }
            catch (LeonardoException ex) when (ex.Status == 404 && Time.GetUtcNow() < began + Options.NotFoundGrace)
            {
                generation = null;
            }

            if (Time.GetUtcNow() >= deadline)
            {
                throw new LeonardoException(
                    $"Generation {generationId} was still {generation?.Status ?? "not found"} after {limit.TotalSeconds:0} s.", generationId: generationId, retriable: true);
            }

            await Task.Delay(Options.PollInterval, Time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Submits and follows one generation to COMPLETE, holding one of <see cref="LeonardoClientOptions.MaxConcurrentJobs"/>
    /// slots throughout. A FAILED generation throws, naming its id and the cost already reported.
    /// </summary>
    public virtual Task<(LeonardoGenerationJob Job, LeonardoGeneration Generation)> GenerateAsync(
        LeonardoGenerationInput input, IProgress<LeonardoGeneration>? progress = null, CancellationToken cancellationToken = default) =>
        GenerateResumableAsync(input, null, progress, cancellationToken);

    /// <summary>
    /// As <see cref="GenerateAsync(LeonardoGenerationInput, IProgress{LeonardoGeneration}?, CancellationToken)"/>, telling
    /// <paramref name="submitted"/> the job the moment Leonardo has queued it, before the wait (the same wait as
    /// <see cref="FollowAsync"/>).
    /// </summary>
    public virtual async Task<(LeonardoGenerationJob Job, LeonardoGeneration Generation)> GenerateResumableAsync(
        LeonardoGenerationInput input, Func<LeonardoGenerationJob, Task>? submitted, IProgress<LeonardoGeneration>? progress = null, CancellationToken cancellationToken = default)
    {
        using (await _jobs.AcquireAsync(cancellationToken).ConfigureAwait(false))
        {
            LeonardoGenerationJob job = await CreateGenerationAsync(input, cancellationToken).ConfigureAwait(false);
            if (submitted is not null)
            {
                await submitted(job).ConfigureAwait(false);
            }

            return (job, await FinishAsync(job.GenerationId!, progress, cancellationToken).ConfigureAwait(false));
        }
    }

    /// <summary>
    /// Follows a generation submitted earlier (by another process) to COMPLETE, as <see cref="GenerateResumableAsync"/>
    /// follows one it submitted, holding a slot the same way. A FAILED generation throws.
    /// </summary>
    public virtual async Task<LeonardoGeneration> FollowAsync(string generationId, IProgress<LeonardoGeneration>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(generationId);
        using (await _jobs.AcquireAsync(cancellationToken).ConfigureAwait(false))
        {
            return await FinishAsync(generationId, progress, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The wait both a fresh generation and a followed one get: to COMPLETE, or Leonardo's FAILED thrown.</summary>
    private async Task<LeonardoGeneration> FinishAsync(string generationId, IProgress<LeonardoGeneration>? progress, CancellationToken cancellationToken)
    {
        LeonardoGeneration generation = await WaitForGenerationAsync(generationId, progress, null, cancellationToken).ConfigureAwait(false);
        return generation.Status == LeonardoGeneration.Failed
            ? throw new LeonardoException($"Leonardo generation {generationId} FAILED.", generationId: generationId)
            : generation;
    }

    /// <summary>
    /// Uploads an init image (for Character Reference) with Leonardo's two steps: <c>POST /init-image</c> for a
    /// presigned S3 form, then the form POST with the bytes under <c>file</c>. The form expires two minutes after it
    /// is issued, so it is used at once and never kept; when storage refuses it (expired), the pair starts again
    /// with a fresh form, up to <see cref="LeonardoClientOptions.UploadAttempts"/> times. Returns the init-image id.
    /// </summary>
    public virtual async Task<string> UploadInitImageAsync(ReadOnlyMemory<byte> bytes, string extension, CancellationToken cancellationToken = default)
    {
        if (extension is not ("png" or "jpg" or "jpeg" or "webp"))
        {
            throw new ArgumentException($"Leonardo init images are png, jpg, jpeg or webp (got '{extension}').", nameof(extension));
        }

        byte[] request = JsonSerializer.SerializeToUtf8Bytes(new { extension }, LeonardoJson.Options);
        for (int attempt = 1; ; attempt++)
        {
            LeonardoPresignedUpload upload = await PresignAsync(request, cancellationToken).ConfigureAwait(false);
            int status = await PostFormAsync(upload, bytes, extension, cancellationToken).ConfigureAwait(false);
            if (status is >= 200 and < 300)
            {
                return upload.Id!;
            }

            if (status != (int)HttpStatusCode.Forbidden || attempt >= Options.UploadAttempts)
            {
                throw new LeonardoException($"Uploading init image {upload.Id} to storage failed with HTTP {status} after {attempt} presigned form(s).", status);
            }

            LeonardoLog.UploadRefused(_log, upload.Id!, status, attempt, Options.UploadAttempts);
        }
    }

    /// <summary>
    /// Downloads a generated image (no key is sent to the image host). An answer labelled with
    /// <see cref="SimulatedHeader"/> (only Likeness's emulator sends it) is reported as simulated.
    /// </summary>
    public virtual async Task<LeonardoDownload> DownloadAsync(string url, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        var uri = new Uri(url, UriKind.Absolute);
        using HttpResponseMessage response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, uri), RequestKind.Idempotent, "Downloading an image", cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            // A 429 or 5xx from the image host passes (the image is still there); a 4xx says it is not.
            throw new LeonardoException($"Downloading {uri.GetLeftPart(UriPartial.Path)} failed with HTTP {(int)response.StatusCode}.", (int)response.StatusCode, retriable: (int)response.StatusCode is 429 or >= 500)
            {
                KeySent = KeyCarried.By(response),
            };
        }

        byte[] bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        bool simulated = response.Headers.TryGetValues(SimulatedHeader, out var label) && label.Any(v => v.Length > 0);
        return new LeonardoDownload(bytes, response.Content.Headers.ContentType?.MediaType, simulated);
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

    private async Task<LeonardoPresignedUpload> PresignAsync(byte[] request, CancellationToken cancellationToken)
    {
        // Asking for a form creates no paid work, so it is retried like a read.
        using HttpResponseMessage response = await SendAsync(() => JsonRequest(HttpMethod.Post, Api("init-image"), request), RequestKind.Idempotent, "Requesting an init-image upload", cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await ErrorAsync(response, "Requesting an init-image upload", null, cancellationToken).ConfigureAwait(false);
        }

        LeonardoPresignedUpload upload = LeonardoJson.Read<LeonardoInitImageResponse>(await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false)).Upload
            ?? throw new LeonardoException("Leonardo answered the init-image request without uploadInitImage.", (int)response.StatusCode);
        if (upload.Id is null || upload.Url is null || upload.Fields is null)
        {
            throw new LeonardoException("Leonardo's init-image upload lacks its id, url or fields.", (int)response.StatusCode);
        }

        return upload;
    }

    private async Task<int> PostFormAsync(LeonardoPresignedUpload upload, ReadOnlyMemory<byte> bytes, string extension, CancellationToken cancellationToken)
    {
        Dictionary<string, string> fields;
        try
        {
            // `fields` is a JSON object serialised into a string.
            fields = JsonSerializer.Deserialize<Dictionary<string, string>>(upload.Fields!) ?? [];
        }
        catch (JsonException ex)
        {
            throw new LeonardoException($"Leonardo's presigned fields for {upload.Id} are not a JSON object of strings: {ex.Message}", innerException: ex);
        }

        var target = new Uri(upload.Url!, UriKind.Absolute);
        HttpRequestMessage Create()
        {
            var form = new MultipartFormDataContent();
            foreach ((string name, string value) in fields)
            {
                form.Add(new StringContent(value), name);
            }

            // S3 reads the policy's fields first: the file must be the last part.
            var file = new ByteArrayContent(bytes.ToArray());
            file.Headers.ContentType = new MediaTypeHeaderValue(extension == "png" ? "image/png" : extension == "webp" ? "image/webp" : "image/jpeg");
            form.Add(file, "file", $"{upload.Id}.{extension}");
            return new HttpRequestMessage(HttpMethod.Post, target) { Content = form };
        }

        using HttpResponseMessage response = await SendAsync(Create, RequestKind.Idempotent, "Uploading an init image", cancellationToken).ConfigureAwait(false);
        return (int)response.StatusCode;
    }

    private Uri Api(string path) => new(Options.ApiUri, path);
}
