using Likeness.Providers.Http;

namespace Likeness.Providers.Astria;

/// <summary>
/// Settings of an <see cref="AstriaClient"/>: the key, the API host (overridable, e.g. to point at an emulator),
/// polling, the callback address and Astria's retry rules (providers.md §3.3). Call <see cref="Validate"/> at start-up.
/// </summary>
public sealed class AstriaClientOptions
{
    /// <summary>Environment variable holding the key (<c>sd_…</c>).</summary>
    public const string KeyVariable = AstriaDescriptor.KeyVariable;

    /// <summary>The API key, sent as <c>Authorization: Bearer</c> to the API host only. Never logged.</summary>
    public string? Key { get; set; }

    /// <summary>The API host (<c>https://api.astria.ai/</c>).</summary>
    public Uri BaseUri { get; set; } = new("https://api.astria.ai/");

    /// <summary>Retries, per-attempt timeout and HTTP concurrency; <see cref="DefaultHttp"/> holds Astria's rules.</summary>
    public HttpPipelineOptions Http { get; set; } = DefaultHttp();

    /// <summary>Interval between status polls of a prompt when no callback is expected (Astria answers heavy polling with 429).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Interval between status polls of a tune in training, and of any job that expects a callback (polling only catches a lost one).</summary>
    public TimeSpan SlowPollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a prompt may take in all before the client gives up on it.</summary>
    public TimeSpan JobTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How long a prompt Astria answered for may read 404 after the wait for it began before that is taken as Astria's
    /// word that the prompt (or its tune) is gone: a read that races its creation is not mistaken for a verdict.
    /// </summary>
    public TimeSpan NotFoundGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Wait after an ambiguous tune submission (5xx, 504 or a lost answer) before looking the tune up by its title:
    /// Astria's docs say a 504 was probably processed and to wait 60 s.
    /// </summary>
    public TimeSpan AmbiguousRecheckDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// True when idempotency is on in the account's API settings: a tune is then deduplicated by its <c>title</c>, so a
    /// tune submission that is still not found by title after <see cref="AmbiguousRecheckDelay"/> is sent once more.
    /// Off by default: without it a re-send could pay for two tunes, so the ambiguity is reported instead.
    /// </summary>
    public bool TitleIdempotency { get; set; }

    /// <summary>
    /// A public http(s) URL Astria should POST finished tunes and prompts to; each job adds its own id and secret to
    /// the query string (Astria's callbacks are unsigned). Null to rely on polling alone.
    /// </summary>
    public Uri? CallbackUrl { get; set; }

    /// <summary>Prompts in flight at once.</summary>
    public int MaxConcurrentJobs { get; set; } = 2;

    /// <summary>Whether a key is set.</summary>
    public bool HasKey => !string.IsNullOrWhiteSpace(Key);

    /// <summary>
    /// Astria's retry rules: 429 and gateway 502/503 retried for every request (a submission only on 429, see
    /// <see cref="RetryPolicy"/>); 500 and 504 only for reads, a 500 no sooner than 30 s after; 422 never.
    /// </summary>
    public static HttpPipelineOptions DefaultHttp() => new()
    {
        RetriableStatuses = new HashSet<int> { 429, 502, 503 },
        IdempotentRetriableStatuses = new HashSet<int> { 500, 504 },
        MinimumDelays = new Dictionary<int, TimeSpan> { [500] = TimeSpan.FromSeconds(30) },
        AttemptTimeout = TimeSpan.FromSeconds(60),
        MaxConcurrency = 8,
    };

    /// <summary>
    /// Options from the environment: the key from <c>ASTRIA_API_KEY</c>, the host from <c>LIKENESS_ASTRIA_API_URL</c>
    /// and the callback address from <c>LIKENESS_ASTRIA_CALLBACK_URL</c>.
    /// </summary>
    public static AstriaClientOptions FromEnvironment(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var options = new AstriaClientOptions { Key = environment(KeyVariable) is { Length: > 0 } key ? key.Trim() : null };
        if (environment("LIKENESS_ASTRIA_API_URL") is { Length: > 0 } api)
        {
            options.BaseUri = Absolute(api.EndsWith('/') ? api : api + "/", "LIKENESS_ASTRIA_API_URL");
        }

        if (environment("LIKENESS_ASTRIA_CALLBACK_URL") is { Length: > 0 } callback)
        {
            options.CallbackUrl = Absolute(callback, "LIKENESS_ASTRIA_CALLBACK_URL");
        }

        return options;
    }

    /// <summary>Checks the values at start-up, with messages that say what to fix. A missing key is allowed (the provider is then unavailable).</summary>
    public void Validate()
    {
        if (BaseUri is null || !BaseUri.IsAbsoluteUri || BaseUri.Scheme is not ("http" or "https") || !BaseUri.AbsolutePath.EndsWith('/'))
        {
            throw new ArgumentException($"The Astria BaseUri must be an absolute http(s) URL ending with '/' (got '{BaseUri}').", nameof(BaseUri));
        }

        if (CallbackUrl is { } callback && (!callback.IsAbsoluteUri || callback.Scheme is not ("http" or "https")))
        {
            throw new ArgumentException("The Astria callback URL must be an absolute http(s) URL.", nameof(CallbackUrl));
        }

        if (Key is { } key && (key.Length == 0 || key.Any(char.IsWhiteSpace)))
        {
            throw new ArgumentException($"The Astria key must not be empty or contain spaces (set {KeyVariable} to the sd_… key).", nameof(Key));
        }

        ArgumentNullException.ThrowIfNull(Http);
        Http.Validate();
        foreach ((TimeSpan value, string name) in new[] { (PollInterval, nameof(PollInterval)), (SlowPollInterval, nameof(SlowPollInterval)), (JobTimeout, nameof(JobTimeout)) })
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero, name);
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(AmbiguousRecheckDelay, TimeSpan.Zero, nameof(AmbiguousRecheckDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(NotFoundGrace, TimeSpan.Zero, nameof(NotFoundGrace));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrentJobs, 1, nameof(MaxConcurrentJobs));
    }

    private static Uri Absolute(string text, string variable) =>
        Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) ? uri : throw new ArgumentException($"{variable} is not an absolute URL: '{text}'.");
}
