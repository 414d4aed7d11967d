using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Likeness.Testing.Emulators.Stability;

/// <summary>
/// A local Stability AI: a real HTTP server on 127.0.0.1 speaking the v2beta stable-image multipart API
/// (providers.md §5) for sd3, core, ultra, structure and style, both answer shapes, content moderation (403 and
/// <c>CONTENT_FILTERED</c>), 413, and the 150-per-10-s rate with its 60 s lockout, on its own clock. Images come from
/// the sim renderer and every answer says so (<c>likeness-simulated: true</c>). For contract tests of Stability clients.
/// </summary>
public sealed class StabilityEmulator : IAsyncDisposable
{
    /// <summary>The endpoints served, relative to <see cref="BaseUri"/>.</summary>
    public static readonly IReadOnlyList<string> Endpoints =
    [
        "v2beta/stable-image/generate/sd3", "v2beta/stable-image/generate/core", "v2beta/stable-image/generate/ultra",
        "v2beta/stable-image/control/structure", "v2beta/stable-image/control/style",
    ];

    private readonly WebApplication _server;
    private readonly Lock _gate = new();
    private readonly List<StabilityEmulatedRequest> _made = [];
    private readonly Queue<DateTimeOffset> _window = new();
    private readonly List<StabilityFault> _faults = [];
    private DateTimeOffset _lockedUntil = DateTimeOffset.MinValue;
    private int _refused;

    private StabilityEmulator(WebApplication server, Uri root, StabilityEmulatorOptions options)
    {
        _server = server;
        BaseUri = root;
        Options = options;
        Key = $"sk-emulated{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}";
    }

    /// <summary>Stands for <c>https://api.stability.ai/</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>The only key accepted (<c>authorization: Bearer {Key}</c>); anything else gets 401.</summary>
    public string Key { get; }

    /// <summary>Knobs; may be changed while running.</summary>
    public StabilityEmulatorOptions Options { get; }

    /// <summary>Every image made and charged, in order (filtered ones included).</summary>
    public IReadOnlyList<StabilityEmulatedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _made];
            }
        }
    }

    /// <summary>Requests refused with 429 by the rate limit (injected faults not counted).</summary>
    public int RateLimited => Volatile.Read(ref _refused);

    /// <summary>Starts an emulator on a free loopback port.</summary>
    /// <exception cref="ArgumentException">A knob in <paramref name="options"/> is out of range.</exception>
    public static async Task<StabilityEmulator> StartAsync(StabilityEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new StabilityEmulatorOptions();
        options.Validate();
        StabilityEmulator? emulator = null;
        (WebApplication server, Uri root) = await LoopbackServer.StartAsync(context => emulator!.HandleAsync(context), cancellationToken);
        emulator = new StabilityEmulator(server, root, options);
        return emulator;
    }

    /// <summary>Images made and charged at one endpoint (to catch a duplicate paid call).</summary>
    public int Submissions(string endpoint) => Requests.Count(r => r.Endpoint == endpoint);

    /// <summary>The next <paramref name="count"/> generation requests get <paramref name="fault"/>.</summary>
    public void Inject(StabilityFault fault, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        lock (_gate)
        {
            _faults.AddRange(Enumerable.Repeat(fault, count));
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync(CancellationToken.None);
        await _server.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        string path = context.Request.Path.Value?.TrimStart('/') ?? "";
        byte[]? body = await ReadBodyAsync(context.Request, Options.MaxBodyBytes, context.RequestAborted);
        StabilityFault? fault = TakeFault();
        if (fault == StabilityFault.DropConnection)
        {
            context.Abort();
            return;
        }

        Reply reply = fault is { } f and not StabilityFault.GenerateThen500 ? FaultReply(f)
            : body is null ? Error(413, "payload_too_large", $"The request body is larger than {Options.MaxBodyBytes} bytes.")
            : !Endpoints.Contains(path) || context.Request.Method != "POST" ? Error(404, "not_found", $"No such endpoint: {context.Request.Method} /{path}")
            : context.Request.Headers.Authorization.ToString() != $"Bearer {Key}" ? Error(401, "unauthorized", "Missing or invalid API key: send 'authorization: Bearer sk-…'.")
            : RateLimit() ? Error(429, "rate_limit_exceeded", "You have exceeded the rate limit of 150 requests within a 10 second period, and have been timed out for 60 seconds.")
            : await GenerateAsync(context, path, body);
        if (fault == StabilityFault.GenerateThen500 && reply.Status == 200)
        {
            reply = FaultReply(StabilityFault.InternalError500);
        }

        context.Response.StatusCode = reply.Status;
        context.Response.ContentType = reply.ContentType;
        foreach ((string name, string value) in reply.Headers)
        {
            context.Response.Headers[name] = value;
        }

        await context.Response.Body.WriteAsync(reply.Body, context.RequestAborted);
    }

    private async Task<Reply> GenerateAsync(HttpContext context, string endpoint, byte[] body)
    {
        string accept = context.Request.Headers.Accept.ToString() is { Length: > 0 } a ? a : "image/*";
        if (accept is not ("application/json" or "image/*"))
        {
            return Error(400, "bad_request", "accept: must be image/* or application/json");
        }

        if (!context.Request.HasFormContentType || !(context.Request.ContentType ?? "").StartsWith("multipart/form-data", StringComparison.Ordinal))
        {
            return Error(400, "bad_request", "content-type: must be multipart/form-data");
        }

        context.Request.Body = new MemoryStream(body);
        IFormCollection form = await context.Request.ReadFormAsync(context.RequestAborted);
        var fields = form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        byte[]? image = null;
        if (form.Files.GetFile("image") is { } file)
        {
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, context.RequestAborted);
            image = buffer.ToArray();
        }

        // Seed 0 (or none) means "random": draw it here so the answer can report the one used.
        var effective = new Dictionary<string, string>(fields, StringComparer.Ordinal);
        if (fields.GetValueOrDefault("seed") is null or "0")
        {
            effective["seed"] = Random.Shared.NextInt64(1, 4_294_967_294).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var checkedForm = new StabilityForm(endpoint, effective, image);
        using (checkedForm.Image)
        {
            if (checkedForm.Errors.Count > 0)
            {
                return Error(400, "bad_request", [.. checkedForm.Errors]);
            }

            string prompt = fields["prompt"];
            if (Options.RefusedWords.Any(w => prompt.Contains(w, StringComparison.OrdinalIgnoreCase)))
            {
                return Error(403, "content_moderation", "Your request was flagged by our content moderation system, as a result your request was denied and you were not charged.");
            }

            bool filtered = Options.FilteredWords.Any(w => prompt.Contains(w, StringComparison.OrdinalIgnoreCase));
            (byte[] bytes, string contentType, bool kept) = StabilityRenderer.Render(checkedForm, Options, filtered);
            string reason = filtered ? "CONTENT_FILTERED" : "SUCCESS";
            lock (_gate)
            {
                _made.Add(new StabilityEmulatedRequest(endpoint, fields, image?.Length ?? 0, accept, reason, kept));
            }

            var headers = new Dictionary<string, string> { ["likeness-simulated"] = "true" };
            if (accept == "image/*")
            {
                headers["finish-reason"] = reason;
                headers["seed"] = effective["seed"];
                return new Reply(200, bytes, contentType, headers);
            }

            var json = new JsonObject { ["image"] = Convert.ToBase64String(bytes), ["seed"] = checkedForm.Seed, ["finish_reason"] = reason };
            return new Reply(200, JsonSerializer.SerializeToUtf8Bytes(json), $"application/json; type={contentType}", headers);
        }
    }

    /// <summary>Counts the request against the window; true when it is refused (over the rate, or inside the lockout).</summary>
    private bool RateLimit()
    {
        lock (_gate)
        {
            DateTimeOffset now = Options.Time.GetUtcNow();
            bool refused = now < _lockedUntil;
            if (!refused)
            {
                while (_window.Count > 0 && _window.Peek() <= now - Options.RateWindow)
                {
                    _window.Dequeue();
                }

                refused = _window.Count >= Options.RatePermits;
                if (refused)
                {
                    // Timed out: the count starts afresh once the lockout is over.
                    _lockedUntil = now + Options.RateLockout;
                    _window.Clear();
                }
                else
                {
                    _window.Enqueue(now);
                }
            }

            if (refused)
            {
                _refused++;
            }

            return refused;
        }
    }

    private StabilityFault? TakeFault()
    {
        lock (_gate)
        {
            if (_faults.Count == 0)
            {
                return null;
            }

            StabilityFault fault = _faults[0];
            _faults.RemoveAt(0);
            return fault;
        }
    }

    private static Reply FaultReply(StabilityFault fault) => fault switch
    {
        StabilityFault.TooManyRequests429 => Error(429, "rate_limit_exceeded", "Too many requests."),
        StabilityFault.BadGateway502 => Error(502, "bad_gateway", "Bad gateway."),
        StabilityFault.ServiceUnavailable503 => Error(503, "service_unavailable", "Service unavailable."),
        _ => Error(500, "internal_error", "An unexpected server error occurred."),
    };

    /// <summary>Stability's error shape: <c>{"id", "name", "errors": [...]}</c>.</summary>
    private static Reply Error(int status, string name, params string[] errors)
    {
        var body = new JsonObject
        {
            ["id"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            ["name"] = name,
            ["errors"] = new JsonArray([.. errors.Select(e => (JsonNode)JsonValue.Create(e)!)]),
        };
        return new Reply(status, JsonSerializer.SerializeToUtf8Bytes(body), "application/json", new Dictionary<string, string>());
    }

    /// <summary>The body, or null when it is larger than <paramref name="limit"/>.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
        }

        return buffer.Length > limit ? null : buffer.ToArray();
    }

    private sealed record Reply(int Status, byte[] Body, string ContentType, IReadOnlyDictionary<string, string> Headers);
}
