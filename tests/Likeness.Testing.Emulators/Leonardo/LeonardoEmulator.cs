using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Likeness.Providers.Leonardo;
using Likeness.Testing.Emulators.Fal;
using Likeness.Testing.Emulators.Fal.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Likeness.Testing.Emulators.Leonardo;

/// <summary>
/// A local Leonardo.ai: a real HTTP server on 127.0.0.1 speaking the REST API of providers.md §4 (generations,
/// presigned init-image uploads to an S3-style form target, polling, bearer-key callbacks, 429s), with images
/// from the sim renderer whose identity fidelity follows the Character Reference strength. For contract tests.
/// </summary>
public sealed class LeonardoEmulator : IAsyncDisposable
{
    private const string ApiPath = "api/rest/v1/";
    private const string StoragePath = "s3/";
    private const string MediaPath = "cdn/";

    private readonly WebApplication _server;
    private readonly HttpClient _http;
    private readonly CancellationTokenSource _lifetime;
    private readonly LeonardoApi _api;
    private readonly LeonardoStorage _storage;
    private readonly LeonardoRenderer _renderer;
    private readonly LeonardoCallbackSender _callbacks;
    private readonly Task _callbackLoop;
    private readonly List<Task> _deliveries = [];

    private LeonardoEmulator(WebApplication server, Uri root, LeonardoEmulatorOptions options)
    {
        _server = server;
        Options = options;
        Key = "emulated-leonardo-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        ApiUri = new Uri(root, ApiPath);
        StorageUri = new Uri(root, StoragePath);
        MediaUri = new Uri(root, MediaPath);
        _http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        _lifetime = new CancellationTokenSource();
        _renderer = new LeonardoRenderer(options, MediaUri);
        _api = new LeonardoApi(options, StorageUri, _renderer);
        _storage = new LeonardoStorage(options, _api);
        _callbacks = new LeonardoCallbackSender(options, _http);
        _callbackLoop = Task.Run(() => DispatchCallbacksAsync(_lifetime.Token));
    }

    /// <summary>Stands for <c>https://cloud.leonardo.ai/api/rest/v1/</c>.</summary>
    public Uri ApiUri { get; }

    /// <summary>The S3-style target of presigned init-image forms.</summary>
    public Uri StorageUri { get; }

    /// <summary>Where generated images are served (labelled with <see cref="LeonardoClient.SimulatedHeader"/>).</summary>
    public Uri MediaUri { get; }

    /// <summary>The only API key accepted (<c>Authorization: Bearer {Key}</c>); anything else gets 401.</summary>
    public string Key { get; }

    /// <summary>Knobs; may be changed while running.</summary>
    public LeonardoEmulatorOptions Options { get; }

    /// <summary>Fault injection: the next requests whose path (relative to the server root, e.g. <c>api/rest/v1/generations</c> or <c>s3/</c>) matches.</summary>
    public FalFaults Faults { get; } = new();

    /// <summary>Every accepted generation, in order, with its status now.</summary>
    public IReadOnlyList<LeonardoEmulatedGeneration> Generations =>
        [.. _api.Generations.Select(g => new LeonardoEmulatedGeneration(g.Id, g.Input, g.StatusAt(Options.Time.GetUtcNow())))];

    /// <summary>Presigned forms issued (<c>POST /init-image</c>).</summary>
    public int InitImagesIssued => _api.Uploads.Count();

    /// <summary>Init images whose bytes arrived.</summary>
    public int InitImagesUploaded => _api.Uploads.Count(u => u.Bytes is not null);

    /// <summary>Ground truth of a completed generation: per image, whether it kept the Character Reference's person (else it drifted).</summary>
    public IReadOnlyList<bool> IdentityKept(string generationId) => _renderer.Kept(generationId);

    /// <summary>Every callback delivery attempt, in order.</summary>
    public IReadOnlyList<LeonardoCallbackDelivery> Deliveries => _callbacks.Attempts;

    /// <summary>Starts an emulator on a free loopback port.</summary>
    /// <exception cref="ArgumentException">A knob in <paramref name="options"/> is out of range.</exception>
    public static async Task<LeonardoEmulator> StartAsync(LeonardoEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new LeonardoEmulatorOptions();
        options.Validate();
        LeonardoEmulator? emulator = null;
        (WebApplication server, Uri root) = await LoopbackServer.StartAsync(context => emulator!.HandleAsync(context), cancellationToken);
        emulator = new LeonardoEmulator(server, root, options);
        return emulator;
    }

    /// <summary>Posts a generation's last callback again, byte for byte, with <paramref name="key"/> (null: the configured one); the receiver's status.</summary>
    /// <exception cref="InvalidOperationException">No callback was delivered for <paramref name="generationId"/> yet.</exception>
    public Task<int?> RedeliverCallbackAsync(string generationId, string? key = null, CancellationToken cancellationToken = default) =>
        _callbacks.RedeliverAsync(generationId, key, cancellationToken);

    /// <summary>The callback body the emulator sends for a completed generation.</summary>
    public byte[] CallbackBody(string generationId)
    {
        LeonardoGeneration generation = _api.Generation(generationId) ?? throw new ArgumentException($"No generation {generationId}.", nameof(generationId));
        return LeonardoCallbackSender.Body(_api.View(generation, "images"), Options.Time.GetUtcNow());
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // Cancelled first, so the webhook loop adds no delivery after the snapshot.
        await _lifetime.CancelAsync();
        Task[] pending;
        lock (_deliveries)
        {
            pending = [_callbackLoop, .. _deliveries];
        }

        await LoopbackServer.StopAsync(_server, _lifetime, pending, _http);
    }

    private async Task HandleAsync(HttpContext context)
    {
        string path = context.Request.Path.Value?.TrimStart('/') ?? "";
        byte[] body = await LoopbackServer.ReadBodyAsync(context.Request, context.RequestAborted);
        FalFault? fault = Faults.TryTake(path);
        if (fault == FalFault.DropConnection)
        {
            context.Abort();
            return;
        }

        FalReply reply;
        try
        {
            reply = fault is { } f && f != FalFault.ProcessThenDrop503 ? FaultReply(f) : await RouteAsync(context, path, body);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // An emulator bug shows as a 500 naming it, not as a dropped connection a client would read as a lost answer.
            reply = FalReply.Json(500, new JsonObject { ["error"] = "emulator failure: " + ex });
        }

        if (fault == FalFault.ProcessThenDrop503)
        {
            reply = FaultReply(FalFault.ServiceUnavailable503);
        }

        context.Response.StatusCode = reply.Status;
        foreach ((string name, string value) in reply.Headers)
        {
            context.Response.Headers[name] = value;
        }

        if (reply.Body.Length > 0)
        {
            context.Response.ContentType = reply.ContentType;
            await context.Response.Body.WriteAsync(reply.Body, context.RequestAborted);
        }
    }

    private async Task<FalReply> RouteAsync(HttpContext context, string path, byte[] body)
    {
        HttpRequest http = context.Request;
        bool api = path.StartsWith(ApiPath, StringComparison.Ordinal);
        var request = new FalHttpRequest(
            http.Method,
            api ? path[ApiPath.Length..] : path,
            http.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal),
            http.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body);
        if (path.StartsWith(StoragePath, StringComparison.Ordinal))
        {
            return await _storage.HandleAsync(request);
        }

        if (path.StartsWith(MediaPath, StringComparison.Ordinal))
        {
            if (Options.ImageStatus is { } status)
            {
                return FalReply.Json(status, new JsonObject { ["error"] = status is 404 or 410 ? "Not found." : "The image host cannot answer now." });
            }

            return _renderer.Media(path[MediaPath.Length..]) is { } image
                ? new FalReply(200, image, "image/jpeg", new Dictionary<string, string> { [LeonardoClient.SimulatedHeader] = "sim renderer (Leonardo emulator)" })
                : FalReply.Json(404, new JsonObject { ["error"] = "Not found." });
        }

        if (!api)
        {
            return FalReply.Json(404, new JsonObject { ["error"] = "Not found." });
        }

        if (request.Authorization != "Bearer " + Key)
        {
            return FalReply.Json(401, new JsonObject { ["error"] = "Invalid authentication token.", ["path"] = "$", ["code"] = "invalid-jwt" });
        }

        return _api.Handle(request);
    }

    private static FalReply FaultReply(FalFault fault) => fault switch
    {
        FalFault.TooManyRequests429 => FalReply.Json(429, new JsonObject { ["error"] = "Too many requests." }),
        FalFault.BadGateway502 => FalReply.Json(502, new JsonObject { ["error"] = "Bad gateway." }),
        FalFault.ServiceUnavailable503 => FalReply.Json(503, new JsonObject { ["error"] = "Service unavailable." }),
        FalFault.GatewayTimeout504 or FalFault.UserTimeout504 => FalReply.Json(504, new JsonObject { ["error"] = "Gateway timeout." }),
        _ => FalReply.Json(500, new JsonObject { ["error"] = "Internal server error." }),
    };

    /// <summary>Watches the clock for completed generations and sends each one's callback once, when a callback URL is set.</summary>
    private async Task DispatchCallbacksAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                DateTimeOffset now = Options.Time.GetUtcNow();
                foreach (LeonardoGeneration generation in _api.Generations)
                {
                    if (generation.CallbackDispatched || Options.CallbackUrl is not { } url || generation.StatusAt(now) == "PENDING")
                    {
                        continue;
                    }

                    generation.CallbackDispatched = true;
                    byte[] body = LeonardoCallbackSender.Body(_api.View(generation, "images"), now);
                    lock (_deliveries)
                    {
                        _deliveries.Add(_callbacks.DeliverAsync(generation.Id, url, body, cancellationToken));
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }
}
