using System.Globalization;
using Likeness.Providers.Http;
using Likeness.Providers.Stability.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Likeness.Providers.Stability;

/// <summary>
/// Stability AI's v2beta stable-image API: sd3 (text-to-image, image-to-image with <c>strength</c>), core and ultra
/// (text-to-image), structure and style control. Every call is one synchronous multipart POST that pays for an image,
/// so it is a <see cref="RequestKind.Submission"/>: a 429 is retried (after Stability's 60 s timeout, and the client
/// keeps under 150 requests per 10 s so it rarely gets one), while a 5xx or a lost answer is reported with
/// <see cref="Core.Providers.ProviderException.OutcomeUnknown"/>, never re-sent. Thread-safe; one per process.
/// </summary>
public partial class StabilityClient : IDisposable
{
    private static readonly string[] Formats = ["jpeg", "png", "webp"];
    private readonly ProviderHttpClient? _transport;
    private readonly ILogger _log = NullLogger.Instance;

    /// <summary>The client every call goes through (its handler stack applies the provider's HTTP rules).</summary>
    private HttpClient Http => _transport!.Client;

    /// <summary>
    /// Creates a client. Without <paramref name="httpClient"/> it builds its own handler stack with
    /// <see cref="HttpRules"/>; with one, that client must already carry it (see
    /// <c>AddLikenessProviderHandlers("stability", _ =&gt; StabilityClient.HttpRules(options))</c>); it is not disposed here.
    /// </summary>
    public StabilityClient(StabilityClientOptions options, HttpClient? httpClient = null, TimeProvider? time = null, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        Time = time ?? TimeProvider.System;
        ILoggerFactory logs = loggers ?? NullLoggerFactory.Instance;
        _log = logs.CreateLogger<StabilityClient>();
        _transport = new ProviderHttpClient(StabilityDescriptor.Name, HttpRules(options), httpClient, Time, logs);
    }

    /// <summary>For mocking.</summary>
    protected StabilityClient()
    {
        Options = new StabilityClientOptions();
        Time = TimeProvider.System;
    }

    /// <summary>The options in force.</summary>
    public StabilityClientOptions Options { get; }

    /// <summary>The clock for latencies and backoff.</summary>
    public TimeProvider Time { get; }

    /// <summary>Stability's HTTP rules: <paramref name="options"/>'s (the defaults carry its rate, lockout and 429 wait).</summary>
    public static HttpPipelineOptions HttpRules(StabilityClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Http;
    }

    /// <summary>
    /// <c>POST generate/sd3</c>: text-to-image, or image-to-image when <see cref="StabilityImageRequest.Image"/> is set
    /// (then <see cref="StabilityImageRequest.Strength"/> is required: 0 keeps the input, 1 ignores it).
    /// </summary>
    public virtual Task<StabilityImage> GenerateSd3Async(StabilityImageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        List<KeyValuePair<string, string>> fields = Common(request);
        Add(fields, "model", request.Model);
        if (request.Image is null)
        {
            Forbid(request.Strength, "strength", "sd3 text-to-image");
            fields.Add(new("mode", "text-to-image"));
            Add(fields, "aspect_ratio", request.AspectRatio);
        }
        else
        {
            // Stability ignores aspect_ratio in image-to-image: the output follows the input image.
            fields.Add(new("mode", "image-to-image"));
            fields.Add(new("strength", Unit(request.Strength ?? throw new ArgumentException("sd3 image-to-image needs a strength (0 keeps the input, 1 ignores it)."), "strength")));
        }

        return PostAsync(StabilityEndpoints.Sd3, fields, request.Image, cancellationToken);
    }

    /// <summary><c>POST generate/core</c>: text-to-image (no image input).</summary>
    public virtual Task<StabilityImage> GenerateCoreAsync(StabilityImageRequest request, CancellationToken cancellationToken = default) =>
        TextToImageAsync(StabilityEndpoints.Core, request, stylePreset: true, cancellationToken);

    /// <summary><c>POST generate/ultra</c>: text-to-image (no image input).</summary>
    public virtual Task<StabilityImage> GenerateUltraAsync(StabilityImageRequest request, CancellationToken cancellationToken = default) =>
        TextToImageAsync(StabilityEndpoints.Ultra, request, stylePreset: false, cancellationToken);

    /// <summary><c>POST control/structure</c>: the input image's structure with the prompt's content, <c>control_strength</c> 0..1.</summary>
    public virtual Task<StabilityImage> ControlStructureAsync(StabilityImageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        List<KeyValuePair<string, string>> fields = Common(request);
        Add(fields, "control_strength", request.ControlStrength is { } s ? Unit(s, "control_strength") : null);
        return PostAsync(StabilityEndpoints.Structure, fields, request.Image ?? throw new ArgumentException("Structure control needs an input image."), cancellationToken);
    }

    /// <summary><c>POST control/style</c>: the input image's style with the prompt's content, <c>fidelity</c> 0..1.</summary>
    public virtual Task<StabilityImage> ControlStyleAsync(StabilityImageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        List<KeyValuePair<string, string>> fields = Common(request);
        Add(fields, "fidelity", request.Fidelity is { } f ? Unit(f, "fidelity") : null);
        Add(fields, "aspect_ratio", request.AspectRatio);
        return PostAsync(StabilityEndpoints.Style, fields, request.Image ?? throw new ArgumentException("Style control needs an input image."), cancellationToken);
    }

    /// <summary>Releases the HTTP client when owned.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases resources.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _transport?.Dispose();
        }
    }

    private Task<StabilityImage> TextToImageAsync(string endpoint, StabilityImageRequest request, bool stylePreset, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Image is not null)
        {
            throw new ArgumentException($"{endpoint} is text-to-image only; use sd3 image-to-image or a control endpoint for an input image.");
        }

        List<KeyValuePair<string, string>> fields = Common(request);
        Add(fields, "aspect_ratio", request.AspectRatio);
        Add(fields, "style_preset", stylePreset ? request.StylePreset : null);
        return PostAsync(endpoint, fields, null, cancellationToken);
    }

    /// <summary>The fields every endpoint takes, checked here so a bad value is refused before anything is paid.</summary>
    private static List<KeyValuePair<string, string>> Common(StabilityImageRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Prompt) || request.Prompt.Length > 10_000)
        {
            throw new ArgumentException("A Stability prompt must have 1 to 10,000 characters.");
        }

        if (!Formats.Contains(request.OutputFormat))
        {
            throw new ArgumentException($"Stability output_format must be jpeg, png or webp (got '{request.OutputFormat}').");
        }

        if (request.Seed is < 0 or > 4_294_967_294)
        {
            throw new ArgumentException($"A Stability seed must be 0 to 4294967294 (got {request.Seed}).");
        }

        var fields = new List<KeyValuePair<string, string>> { new("prompt", request.Prompt), new("output_format", request.OutputFormat) };
        Add(fields, "negative_prompt", string.IsNullOrWhiteSpace(request.NegativePrompt) ? null : request.NegativePrompt);
        Add(fields, "seed", request.Seed?.ToString(CultureInfo.InvariantCulture));
        return fields;
    }

    private static void Add(List<KeyValuePair<string, string>> fields, string name, string? value)
    {
        if (value is not null)
        {
            fields.Add(new(name, value));
        }
    }

    private static void Forbid(double? value, string name, string where)
    {
        if (value is not null)
        {
            throw new ArgumentException($"{where} takes no {name}.");
        }
    }

    private static string Unit(double value, string name) =>
        value is >= 0 and <= 1 ? value.ToString("R", CultureInfo.InvariantCulture) : throw new ArgumentException($"Stability {name} must be 0 to 1 (got {value}).");
}
