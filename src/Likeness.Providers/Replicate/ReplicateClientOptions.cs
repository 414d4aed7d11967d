using Likeness.Providers.Http;

namespace Likeness.Providers.Replicate;

/// <summary>
/// Settings of a <see cref="ReplicateClient"/>: the token, the API root (overridable, e.g. to point at an emulator),
/// polling, retries and the inline-file threshold. Call <see cref="Validate"/> at start-up.
/// </summary>
public sealed class ReplicateClientOptions
{
    /// <summary>Environment variable holding the token (as Replicate's own clients name it).</summary>
    public const string KeyVariable = ReplicateDescriptor.KeyVariable;

    /// <summary>Environment variable overriding <see cref="ApiUri"/>.</summary>
    public const string ApiUrlVariable = "LIKENESS_REPLICATE_API_URL";

    /// <summary>The API token (<c>r8_…</c>). Never logged.</summary>
    public string? Token { get; set; }

    /// <summary>The API root (<c>https://api.replicate.com/v1/</c>).</summary>
    public Uri ApiUri { get; set; } = new("https://api.replicate.com/v1/");

    /// <summary>
    /// Retries, per-attempt timeout and HTTP concurrency. The defaults are Replicate's official rules (providers.md §2.6):
    /// every request on 429, reads also on 5xx, a create never on a 5xx or a lost answer; 500 ms doubling, <c>Retry-After</c> honoured.
    /// </summary>
    public HttpPipelineOptions Http { get; set; } = DefaultHttp();

    /// <summary>Interval between polls of <c>urls.get</c> (the official clients poll every 500 ms).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long a create is held for its output with <c>Prefer: wait</c> before polling (0 disables; at most 60 s).</summary>
    public TimeSpan PreferWait { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a generation may take in all; sent as <c>Cancel-After</c> so Replicate stops it too.</summary>
    public TimeSpan JobTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How long a prediction Replicate answered for may read 404 after the wait for it began before that is taken as
    /// Replicate's word that it has no such prediction: a read that races its creation is not mistaken for a verdict.
    /// </summary>
    public TimeSpan NotFoundGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// After the caller cancels while a create is in flight, how long the create may still take to answer: the
    /// prediction may already run (and bill) at Replicate, and only its id lets it be cancelled there.
    /// </summary>
    public TimeSpan CancelGrace { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Generations in flight at once.</summary>
    public int MaxConcurrentJobs { get; set; } = 2;

    /// <summary>Files at most this large go inline as <c>data:</c> URLs (the OpenAPI's 256 kB); larger ones are uploaded with <c>POST /files</c>.</summary>
    public long DataUriMaxBytes { get; set; } = 256 * 1000;

    /// <summary>Largest upload Replicate takes (413 above 100 MB).</summary>
    public long MaxUploadBytes { get; set; } = 100L * 1000 * 1000;

    /// <summary>How old a webhook's timestamp may be (the Standard Webhooks convention: 5 min).</summary>
    public TimeSpan WebhookTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long the fetched webhook signing secret is reused before it is fetched again.</summary>
    public TimeSpan SecretCacheDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Whether a token is set.</summary>
    public bool HasKey => !string.IsNullOrWhiteSpace(Token);

    /// <summary>Replicate's HTTP rules with the stack's defaults elsewhere.</summary>
    public static HttpPipelineOptions DefaultHttp() => new()
    {
        Retry = new RetryOptions { MaxRetries = 5, InitialDelay = TimeSpan.FromMilliseconds(500), MaxDelay = TimeSpan.FromSeconds(60), Jitter = 0.1 },
        RetriableStatuses = new HashSet<int> { 429 },
        IdempotentRetriableStatuses = new HashSet<int> { 500, 502, 503, 504 },
    };

    /// <summary>Options from the environment: the token from <c>REPLICATE_API_TOKEN</c> and the root from <c>LIKENESS_REPLICATE_API_URL</c>.</summary>
    public static ReplicateClientOptions FromEnvironment(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var options = new ReplicateClientOptions { Token = environment(KeyVariable) is { Length: > 0 } token ? token.Trim() : null };
        if (environment(ApiUrlVariable) is { Length: > 0 } root)
        {
            options.ApiUri = Uri.TryCreate(root.EndsWith('/') ? root : root + "/", UriKind.Absolute, out Uri? uri)
                ? uri
                : throw new ArgumentException($"{ApiUrlVariable} is not an absolute URL: '{root}'.");
        }

        return options;
    }

    /// <summary>Checks the values at start-up, with messages that say what to fix. A missing token is allowed (the provider is then unavailable).</summary>
    public void Validate()
    {
        if (ApiUri is null || !ApiUri.IsAbsoluteUri || (ApiUri.Scheme != Uri.UriSchemeHttps && ApiUri.Scheme != Uri.UriSchemeHttp) || !ApiUri.AbsolutePath.EndsWith('/'))
        {
            throw new ArgumentException($"The Replicate API root must be an absolute http(s) URL ending with '/' (got '{ApiUri}').", nameof(ApiUri));
        }

        if (Token is { } token && (token.Length == 0 || token.Any(char.IsWhiteSpace)))
        {
            throw new ArgumentException($"The Replicate token must not be empty or contain spaces (set {KeyVariable}).", nameof(Token));
        }

        ArgumentNullException.ThrowIfNull(Http);
        Http.Validate();
        foreach ((TimeSpan value, string name) in new[] { (PollInterval, nameof(PollInterval)), (JobTimeout, nameof(JobTimeout)), (WebhookTolerance, nameof(WebhookTolerance)), (SecretCacheDuration, nameof(SecretCacheDuration)) })
        {
            if (value <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(name, value, "Must be positive.");
            }
        }

        if (PreferWait < TimeSpan.Zero || PreferWait > TimeSpan.FromSeconds(60))
        {
            throw new ArgumentOutOfRangeException(nameof(PreferWait), PreferWait, "Prefer: wait holds 0 to 60 s.");
        }

        if (NotFoundGrace < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(NotFoundGrace), NotFoundGrace, "The not-found grace cannot be negative.");
        }

        if (CancelGrace < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(CancelGrace), CancelGrace, "The cancel grace cannot be negative.");
        }

        if (JobTimeout < TimeSpan.FromSeconds(5))
        {
            throw new ArgumentOutOfRangeException(nameof(JobTimeout), JobTimeout, "Cancel-After is at least 5 s.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrentJobs, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(DataUriMaxBytes);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxUploadBytes, 1);
    }
}
