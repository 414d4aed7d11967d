using Likeness.Providers.Http;

namespace Likeness.Providers.Fal;

/// <summary>
/// Settings of a <see cref="FalClient"/>: the key, the hosts (overridable, e.g. to point at an emulator),
/// timeouts, retries and upload thresholds. Call <see cref="Validate"/> at start-up.
/// </summary>
public sealed class FalClientOptions
{
    /// <summary>Environment variable holding the key (<c>id:secret</c>).</summary>
    public const string KeyVariable = "FAL_KEY";

    /// <summary>The key: <c>id:secret</c> as fal issues it. Never logged.</summary>
    public string? Key { get; set; }

    /// <summary>The queue host (<c>https://queue.fal.run/</c>).</summary>
    public Uri QueueUri { get; set; } = new("https://queue.fal.run/");

    /// <summary>The synchronous host (<c>https://fal.run/</c>); not retried server-side, so only for quick calls.</summary>
    public Uri SyncUri { get; set; } = new("https://fal.run/");

    /// <summary>The platform host for storage uploads (<c>https://rest.fal.ai/</c>).</summary>
    public Uri RestUri { get; set; } = new("https://rest.fal.ai/");

    /// <summary>Where fal publishes its webhook signing keys.</summary>
    public Uri JwksUri { get; set; } = new("https://rest.fal.ai/.well-known/jwks.json");

    /// <summary>
    /// A public URL fal POSTs trainings' completions to (the server's <c>/webhooks/fal</c>), passed to the <c>fal</c>
    /// provider as its <see cref="FalProviderOptions.WebhookUrl"/>; null to rely on polling alone.
    /// </summary>
    public Uri? WebhookUrl { get; set; }

    /// <summary>Retries, per-attempt timeout and HTTP concurrency.</summary>
    public HttpPipelineOptions Http { get; set; } = new();

    /// <summary>Interval between status polls (fal-js polls every 500 ms).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long a queued generation may take in all before it is cancelled (fal's <c>client_timeout</c>).</summary>
    public TimeSpan JobTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Generation jobs in flight at once (fal accounts start at 2 concurrent jobs; excess would only wait in fal's queue).</summary>
    public int MaxConcurrentJobs { get; set; } = 2;

    /// <summary>Files at most this large are sent inline as <c>data:</c> URIs instead of being uploaded (0 = always upload).</summary>
    public long DataUriMaxBytes { get; set; }

    /// <summary>Files larger than this are uploaded in parts (fal-js: 90 MiB).</summary>
    public long MultipartThresholdBytes { get; set; } = 90L * 1024 * 1024;

    /// <summary>Part size of multipart uploads (fal-js: 10 MiB).</summary>
    public int MultipartPartBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>How old a webhook's timestamp may be (fal's recommendation: 300 s).</summary>
    public TimeSpan WebhookTolerance { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>How long fetched signing keys are trusted before they are fetched again (at most 24 h per fal).</summary>
    public TimeSpan JwksCacheDuration { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Least time between two fetches forced by an unknown signature, so forged deliveries cannot flood fal's key endpoint.</summary>
    public TimeSpan JwksRefreshCooldown { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether a key is set.</summary>
    public bool HasKey => !string.IsNullOrWhiteSpace(Key);

    /// <summary>
    /// Options from the environment: the key from <c>FAL_KEY</c> (or <c>FAL_KEY_ID</c> + <c>FAL_KEY_SECRET</c>)
    /// and host overrides from <c>LIKENESS_FAL_QUEUE_URL</c>, <c>LIKENESS_FAL_SYNC_URL</c>,
    /// <c>LIKENESS_FAL_REST_URL</c> and <c>LIKENESS_FAL_JWKS_URL</c>; the completion webhook from <c>LIKENESS_FAL_WEBHOOK_URL</c>.
    /// </summary>
    public static FalClientOptions FromEnvironment(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var options = new FalClientOptions { Key = KeyFrom(environment) };
        options.QueueUri = UriFrom(environment, "LIKENESS_FAL_QUEUE_URL") ?? options.QueueUri;
        options.SyncUri = UriFrom(environment, "LIKENESS_FAL_SYNC_URL") ?? options.SyncUri;
        options.RestUri = UriFrom(environment, "LIKENESS_FAL_REST_URL") ?? options.RestUri;
        options.JwksUri = UriFrom(environment, "LIKENESS_FAL_JWKS_URL", folder: false) ?? options.JwksUri;
        options.WebhookUrl = UriFrom(environment, "LIKENESS_FAL_WEBHOOK_URL", folder: false);
        return options;
    }

    /// <summary>The key as the official clients find it: <c>FAL_KEY</c>, else <c>FAL_KEY_ID:FAL_KEY_SECRET</c>.</summary>
    public static string? KeyFrom(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment(KeyVariable) is { Length: > 0 } key)
        {
            return key.Trim();
        }

        return environment("FAL_KEY_ID") is { Length: > 0 } id && environment("FAL_KEY_SECRET") is { Length: > 0 } secret
            ? $"{id.Trim()}:{secret.Trim()}"
            : null;
    }

    /// <summary>Checks the values at start-up, with messages that say what to fix. A missing key is allowed (the provider is then unavailable).</summary>
    public void Validate()
    {
        foreach (var (name, uri) in new[] { (nameof(QueueUri), QueueUri), (nameof(SyncUri), SyncUri), (nameof(RestUri), RestUri), (nameof(JwksUri), JwksUri) })
        {
            if (uri is null || !uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                throw new ArgumentException($"fal {name} must be an absolute http(s) URL (got '{uri}').", name);
            }
        }

        foreach (var (name, uri) in new[] { (nameof(QueueUri), QueueUri), (nameof(SyncUri), SyncUri), (nameof(RestUri), RestUri) })
        {
            if (!uri.AbsolutePath.EndsWith('/'))
            {
                throw new ArgumentException($"fal {name} must end with '/' (got '{uri}').", name);
            }
        }

        if (Key is { } key && (key.Length == 0 || key.Any(char.IsWhiteSpace)))
        {
            throw new ArgumentException("The fal key must not be empty or contain spaces (set FAL_KEY to id:secret).", nameof(Key));
        }

        ArgumentNullException.ThrowIfNull(Http);
        Http.Validate();
        Positive(PollInterval, nameof(PollInterval));
        Positive(JobTimeout, nameof(JobTimeout));
        Positive(WebhookTolerance, nameof(WebhookTolerance));
        Positive(JwksCacheDuration, nameof(JwksCacheDuration));
        if (JwksRefreshCooldown < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(JwksRefreshCooldown), JwksRefreshCooldown, "Must not be negative.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrentJobs, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(DataUriMaxBytes);
        ArgumentOutOfRangeException.ThrowIfLessThan(MultipartPartBytes, 1024);
        ArgumentOutOfRangeException.ThrowIfLessThan(MultipartThresholdBytes, MultipartPartBytes);
    }

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, "Must be positive.");
        }
    }

    private static Uri? UriFrom(Func<string, string?> environment, string variable, bool folder = true)
    {
        if (environment(variable) is not { Length: > 0 } text)
        {
            return null;
        }

        if (folder && !text.EndsWith('/'))
        {
            text += "/";
        }

        return Uri.TryCreate(text, UriKind.Absolute, out Uri? uri)
            ? uri
            : throw new ArgumentException($"{variable} is not an absolute URL: '{text}'.");
    }
}
