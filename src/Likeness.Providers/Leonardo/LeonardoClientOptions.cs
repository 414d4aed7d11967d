using Likeness.Providers.Http;

namespace Likeness.Providers.Leonardo;

/// <summary>
/// Settings of a <see cref="LeonardoClient"/>: the key, the API root (overridable, e.g. to point at an emulator),
/// polling, the account's limits and the HTTP rules. Call <see cref="Validate"/> at start-up.
/// </summary>
public sealed class LeonardoClientOptions
{
    /// <summary>Environment variable holding the API key (providers.md names none: Likeness's choice).</summary>
    public const string KeyVariable = LeonardoDescriptor.KeyVariable;

    /// <summary>Environment variable overriding <see cref="ApiUri"/>.</summary>
    public const string ApiUrlVariable = "LIKENESS_LEONARDO_API_URL";

    /// <summary>The API key (<c>Authorization: Bearer</c>). Never logged.</summary>
    public string? Key { get; set; }

    /// <summary>The REST root, <c>https://cloud.leonardo.ai/api/rest/v1/</c> (providers.md §4).</summary>
    public Uri ApiUri { get; set; } = new("https://cloud.leonardo.ai/api/rest/v1/");

    /// <summary>
    /// Retries, attempt timeout and HTTP concurrency. Leonardo's own rule: a 429 waits out its minute window
    /// (see <see cref="LeonardoClient.HttpRules"/>).
    /// </summary>
    public HttpPipelineOptions Http { get; set; } = new();

    /// <summary>Interval between polls of <c>GET /generations/{id}</c> (Leonardo asks clients to poll sparingly).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a generation may stay PENDING before the client gives up on it.</summary>
    public TimeSpan JobTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long a generation Leonardo answered for may read as unknown (404, or <c>generations_by_pk: null</c>) after the
    /// wait for it began before that is taken as Leonardo's word that it has no such generation (deleted, or never
    /// made): a read that races its creation is not mistaken for a verdict.
    /// </summary>
    public TimeSpan NotFoundGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Generations in flight at once (the default account runs 10 image generations concurrently).</summary>
    public int MaxConcurrentJobs { get; set; } = 10;

    /// <summary>Times the two-step init-image upload is started afresh when its presigned form was refused (expired).</summary>
    public int UploadAttempts { get; set; } = 3;

    /// <summary>Whether a key is set.</summary>
    public bool HasKey => !string.IsNullOrWhiteSpace(Key);

    /// <summary>Options from the environment: <c>LEONARDO_API_KEY</c> and the <c>LIKENESS_LEONARDO_API_URL</c> override.</summary>
    public static LeonardoClientOptions FromEnvironment(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var options = new LeonardoClientOptions { Key = environment(KeyVariable) is { Length: > 0 } key ? key.Trim() : null };
        if (environment(ApiUrlVariable) is { Length: > 0 } text)
        {
            options.ApiUri = Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out Uri? uri)
                ? uri
                : throw new ArgumentException($"{ApiUrlVariable} is not an absolute URL: '{text}'.");
        }

        return options;
    }

    /// <summary>Checks the values at start-up. A missing key is allowed (the provider is then unavailable).</summary>
    public void Validate()
    {
        if (ApiUri is null || !ApiUri.IsAbsoluteUri || (ApiUri.Scheme != Uri.UriSchemeHttps && ApiUri.Scheme != Uri.UriSchemeHttp) || !ApiUri.AbsolutePath.EndsWith('/'))
        {
            throw new ArgumentException($"The Leonardo API URL must be an absolute http(s) URL ending in '/' (got '{ApiUri}').", nameof(ApiUri));
        }

        if (Key is { } key && (key.Length == 0 || key.Any(char.IsWhiteSpace)))
        {
            throw new ArgumentException($"The Leonardo key must not be empty or contain spaces (set {KeyVariable}).", nameof(Key));
        }

        ArgumentNullException.ThrowIfNull(Http);
        Http.Validate();
        if (PollInterval <= TimeSpan.Zero || JobTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(PollInterval), "The poll interval and job timeout must be positive.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(NotFoundGrace, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrentJobs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(UploadAttempts, 1);
    }
}
