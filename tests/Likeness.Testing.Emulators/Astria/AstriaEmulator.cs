using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Likeness.Testing.Emulators.Astria;

/// <summary>
/// A local Astria: a real HTTP server on 127.0.0.1 speaking Astria's tune and prompt API (providers.md §3) with
/// <c>trained_at</c> appearing on its own clock, the free <c>fast</c> branch, FaceID tunes, unsigned callbacks sent
/// once (and lost on demand), injected 429/500/502/503 and 504s that were processed. Images come from the sim renderer.
/// </summary>
public sealed class AstriaEmulator : IAsyncDisposable
{
    private readonly WebApplication _server;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly CancellationTokenSource _lifetime = new();
    private readonly AstriaApi _api;
    private readonly AstriaRenderer _renderer;
    private readonly Task _callbackLoop;
    private readonly List<AstriaCallbackDelivery> _deliveries = [];
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string, long), (Uri Url, byte[] Body)> _lastBodies = new();

    private AstriaEmulator(WebApplication server, Uri root, AstriaEmulatorOptions options)
    {
        _server = server;
        Options = options;
        Key = "sd_emulated" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        BaseUri = new Uri(root, "api/");
        CdnUri = new Uri(root, "cdn/");
        _renderer = new AstriaRenderer(CdnUri, options);
        _api = new AstriaApi(BaseUri, options, _renderer);
        _callbackLoop = Task.Run(() => DispatchCallbacksAsync(_lifetime.Token));
    }

    /// <summary>Stands for <c>https://api.astria.ai/</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>Where result images are served (public, no key).</summary>
    public Uri CdnUri { get; }

    /// <summary>The only key accepted (<c>Authorization: Bearer {Key}</c>); anything else gets 401.</summary>
    public string Key { get; }

    /// <summary>Knobs; may be changed while running.</summary>
    public AstriaEmulatorOptions Options { get; }

    /// <summary>Fault injection for the next requests and callbacks.</summary>
    public AstriaFaults Faults { get; } = new();

    /// <summary>The long side of images for a named aspect ratio (512 by default, to keep tests quick).</summary>
    public int ImageSide { get => _api.ImageSide; set => _api.ImageSide = value; }

    /// <summary>Every tune created (the gallery base excluded) and every prompt, in order.</summary>
    public IReadOnlyList<AstriaEmulatedJob> Jobs =>
    [
        .. _api.Tunes.Select(t => new AstriaEmulatedJob("tune", t.Id, t.Title, t.Branch, t.ModelType, t.Photos.Count, t.Callback, t.ImageUrls, t.Preset, Sent: t.Sent)),
        .. _api.Prompts.Select(p => new AstriaEmulatedJob("prompt", p.Id, p.Text, null, null, p.NumImages, p.Callback, TuneId: p.TuneId, Sent: p.Sent)),
    ];

    /// <summary>Tunes created (each one paid, unless on the fast branch).</summary>
    public int TuneSubmissions => _api.Tunes.Count;

    /// <summary>Prompts created (each one paid).</summary>
    public int PromptSubmissions => _api.Prompts.Count;

    /// <summary>Every callback sent or lost, in order.</summary>
    public IReadOnlyList<AstriaCallbackDelivery> Deliveries
    {
        get
        {
            lock (_deliveries)
            {
                return [.. _deliveries];
            }
        }
    }

    /// <summary>Starts an emulator on a free loopback port.</summary>
    public static async Task<AstriaEmulator> StartAsync(AstriaEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new AstriaEmulatorOptions();
        options.Validate();
        AstriaEmulator? emulator = null;
        (WebApplication server, Uri root) = await LoopbackServer.StartAsync(context => emulator!.HandleAsync(context), cancellationToken);
        emulator = new AstriaEmulator(server, root, options);
        return emulator;
    }

    /// <summary>Posts the last callback of a tune or prompt again, byte for byte (a duplicate on the way).</summary>
    public async Task<int> RedeliverCallbackAsync(string kind, long id, CancellationToken cancellationToken = default)
    {
        (Uri url, byte[] body) = _lastBodies.TryGetValue((kind, id), out var last) ? last : throw new InvalidOperationException($"No callback was made for {kind} {id}.");
        return await PostAsync(url, body, cancellationToken);
    }

    /// <summary>Posts <paramref name="body"/> to <paramref name="url"/> as a callback would come (for forged-callback tests).</summary>
    public Task<int> PostCallbackAsync(Uri url, byte[] body, CancellationToken cancellationToken = default) => PostAsync(url, body, cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await LoopbackServer.StopAsync(_server, _lifetime, [_callbackLoop], _http);
    }

    private async Task HandleAsync(HttpContext context)
    {
        string full = context.Request.Path.Value?.TrimStart('/') ?? "";
        if (full.StartsWith("cdn/", StringComparison.Ordinal))
        {
            byte[]? file = _renderer.File(full["cdn/".Length..]);
            context.Response.StatusCode = file is null ? 404 : 200;
            context.Response.ContentType = "image/jpeg";
            await context.Response.Body.WriteAsync(file ?? [], context.RequestAborted);
            return;
        }

        if (!full.StartsWith("api/", StringComparison.Ordinal))
        {
            context.Response.StatusCode = 404;
            return;
        }

        context.Request.Path = "/" + full["api/".Length..];
        AstriaFault? fault = Faults.TryTake(context.Request.Method, context.Request.Path.Value!.TrimStart('/'));
        if (fault == AstriaFault.DropConnection)
        {
            context.Abort();
            return;
        }

        AstriaReply reply;
        if (context.Request.Headers.Authorization.ToString() != "Bearer " + Key)
        {
            reply = AstriaReply.Json(401, new System.Text.Json.Nodes.JsonObject { ["error"] = "Unauthorized" });
        }
        else if (fault is { } f && f is not (AstriaFault.ProcessedThenTimeout504 or AstriaFault.ProcessedThenHold))
        {
            reply = FaultReply(f);
        }
        else
        {
            context.Request.EnableBuffering();
            reply = await _api.HandleAsync(context.Request);
            if (fault == AstriaFault.ProcessedThenHold)
            {
                Faults.Holding();
                try
                {
                    await Task.Delay(Timeout.InfiniteTimeSpan, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    // The client hung up (or the emulator stopped): the work was done, nothing was answered.
                }

                return;
            }

            if (fault == AstriaFault.ProcessedThenTimeout504)
            {
                reply = new AstriaReply(504, "<html><body><h1>504 Gateway Time-out</h1></body></html>"u8.ToArray(), "text/html");
            }
        }

        context.Response.StatusCode = reply.Status;
        context.Response.ContentType = reply.ContentType;
        await context.Response.Body.WriteAsync(reply.Body, context.RequestAborted);
    }

    private static AstriaReply FaultReply(AstriaFault fault) => fault switch
    {
        AstriaFault.TooManyRequests429 => AstriaReply.Json(429, new System.Text.Json.Nodes.JsonObject { ["error"] = "Rate limit exceeded" }),
        AstriaFault.InternalError500 => AstriaReply.Json(500, new System.Text.Json.Nodes.JsonObject { ["error"] = "Internal server error" }),
        AstriaFault.BadGateway502 => new AstriaReply(502, "<html><body><h1>502 Bad Gateway</h1></body></html>"u8.ToArray(), "text/html"),
        _ => new AstriaReply(503, "<html><body><h1>503 Service Unavailable</h1></body></html>"u8.ToArray(), "text/html"),
    };

    /// <summary>Watches the clock for trained tunes and done prompts with a callback, and sends each once.</summary>
    private async Task DispatchCallbacksAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            DateTimeOffset now = Options.Time.GetUtcNow();
            foreach (EmulatedTune tune in _api.Tunes.Where(t => !t.CallbackDispatched && t.Callback is not null && now >= t.TrainsAt))
            {
                tune.CallbackDispatched = true;
                if (!tune.Fails && !tune.Deleted)
                {
                    await SendAsync("tune", tune.Id, tune.Callback!, JsonSerializer.SerializeToUtf8Bytes(_api.TuneJson(tune)), cancellationToken);
                }
            }

            foreach (EmulatedPrompt prompt in _api.Prompts.Where(p => !p.CallbackDispatched && !p.Fails && p.Callback is not null && now >= p.DoneAt))
            {
                prompt.CallbackDispatched = true;
                await SendAsync("prompt", prompt.Id, prompt.Callback!, JsonSerializer.SerializeToUtf8Bytes(_api.PromptJson(prompt)), cancellationToken);
            }
        }
    }

    private async Task SendAsync(string kind, long id, string callback, byte[] body, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(callback, UriKind.Absolute, out Uri? url))
        {
            return;
        }

        _lastBodies[(kind, id)] = (url, body);
        bool lost = Faults.TakeLostCallback(kind);
        int? status = lost ? null : await PostAsync(url, body, cancellationToken);
        lock (_deliveries)
        {
            _deliveries.Add(new AstriaCallbackDelivery(kind, id, url, status is 0 ? null : status, lost));
        }
    }

    /// <summary>One POST, never retried (as at Astria); 0 when the receiver could not be reached.</summary>
    private async Task<int> PostAsync(Uri url, byte[] body, CancellationToken cancellationToken)
    {
        try
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            using HttpResponseMessage response = await _http.PostAsync(url, content, cancellationToken);
            return (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return 0;
        }
    }
}
