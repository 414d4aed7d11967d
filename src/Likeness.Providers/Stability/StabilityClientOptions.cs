using Likeness.Providers.Http;

namespace Likeness.Providers.Stability;

/// <summary>
/// Settings of a <see cref="StabilityClient"/>: the key, the API host (overridable, e.g. to point at an emulator),
/// the answer shape and the HTTP rules (150 requests per 10 s, a 60 s wait after a 429). Call <see cref="Validate"/> at start-up.
/// </summary>
public sealed class StabilityClientOptions
{
    /// <summary>Environment variable holding the key (<c>sk-…</c>); providers.md names none, this is Likeness's choice.</summary>
    public const string KeyVariable = "STABILITY_API_KEY";

    /// <summary>Environment variable overriding <see cref="BaseUri"/>.</summary>
    public const string BaseUrlVariable = "LIKENESS_STABILITY_API_URL";

    /// <summary>Largest request body Stability takes (a larger one is refused with 413).</summary>
    public const long MaxBodyBytes = 10L * 1024 * 1024;

    /// <summary>The key, sent as <c>authorization: Bearer</c>. Never logged.</summary>
    public string? Key { get; set; }

    /// <summary>The API host (<c>https://api.stability.ai/</c>).</summary>
    public Uri BaseUri { get; set; } = new("https://api.stability.ai/");

    /// <summary>Answer shape asked for; both carry the seed and the finish reason.</summary>
    public StabilityAccept Accept { get; set; } = StabilityAccept.Json;

    /// <summary>Sent as <c>stability-client-id</c> (optional header: names the application in Stability's logs).</summary>
    public string ClientId { get; set; } = "likeness";

    /// <summary>
    /// Retries, per-attempt timeout, concurrency and Stability's rate: 150 requests per 10 s, after a 429 a 60 s
    /// lockout for every request and at least 60 s before the refused one is tried again.
    /// </summary>
    public HttpPipelineOptions Http { get; set; } = new()
    {
        MaxConcurrency = 8,
        RateLimit = new RequestRateLimit { Permits = 150, Window = TimeSpan.FromSeconds(10), LockoutAfter429 = TimeSpan.FromSeconds(60) },
        MinimumDelays = new Dictionary<int, TimeSpan> { [429] = TimeSpan.FromSeconds(60) },
        Retry = new RetryOptions { MaxRetries = 3, MaxDelay = TimeSpan.FromSeconds(60) },
    };

    /// <summary>Whether a key is set.</summary>
    public bool HasKey => !string.IsNullOrWhiteSpace(Key);

    /// <summary>Options from the environment: the key from <c>STABILITY_API_KEY</c>, the host from <c>LIKENESS_STABILITY_API_URL</c>.</summary>
    public static StabilityClientOptions FromEnvironment(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var options = new StabilityClientOptions { Key = environment(KeyVariable) is { Length: > 0 } key ? key.Trim() : null };
        if (environment(BaseUrlVariable) is { Length: > 0 } url)
        {
            options.BaseUri = Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out Uri? uri)
                ? uri
                : throw new ArgumentException($"{BaseUrlVariable} is not an absolute URL: '{url}'.");
        }

        return options;
    }

    /// <summary>Checks the values, with messages that say what to fix. A missing key is allowed (the provider is then unavailable).</summary>
    public void Validate()
    {
        if (BaseUri is null || !BaseUri.IsAbsoluteUri || (BaseUri.Scheme != Uri.UriSchemeHttps && BaseUri.Scheme != Uri.UriSchemeHttp) || !BaseUri.AbsolutePath.EndsWith('/'))
        {
            throw new ArgumentException($"The Stability base URL must be an absolute http(s) URL ending with '/' (got '{BaseUri}').", nameof(BaseUri));
        }

        if (Key is { } key && (key.Length == 0 || key.Any(char.IsWhiteSpace)))
        {
            throw new ArgumentException($"The Stability key must not be empty or contain spaces (set {KeyVariable} to the sk-… key).", nameof(Key));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(ClientId);
        if (!Enum.IsDefined(Accept))
        {
            throw new ArgumentOutOfRangeException(nameof(Accept), Accept, "Accept must be Json or Image.");
        }

        ArgumentNullException.ThrowIfNull(Http);
        Http.Validate();
    }
}
