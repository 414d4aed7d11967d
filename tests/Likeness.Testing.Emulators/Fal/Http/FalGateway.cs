using System.Text.Json.Nodes;
using Likeness.Testing.Emulators.Fal.Webhooks;
using Microsoft.AspNetCore.Http;

namespace Likeness.Testing.Emulators.Fal.Http;

/// <summary>
/// The front door of all four emulated hosts, which live under one port as <c>/queue/</c>, <c>/run/</c>,
/// <c>/rest/</c> and <c>/cdn/</c>: applies injected faults, checks the key, and routes to the host.
/// </summary>
internal sealed class FalGateway(
    string key,
    FalFaults faults,
    FalQueueRoutes queueRoutes,
    FalStorageRoutes storageRoutes,
    FalSyncRoutes syncRoutes,
    FalCdnRoutes cdnRoutes,
    FalSigningKeys signingKeys)
{
    public const string QueueHost = "queue";
    public const string SyncHost = "run";
    public const string RestHost = "rest";
    public const string CdnHost = "cdn";

    public async Task HandleAsync(HttpContext context)
    {
        string full = context.Request.Path.Value?.TrimStart('/') ?? "";
        int slash = full.IndexOf('/', StringComparison.Ordinal);
        string host = slash < 0 ? full : full[..slash];
        string path = slash < 0 ? "" : full[(slash + 1)..];
        byte[] body = await LoopbackServer.ReadBodyAsync(context.Request, context.RequestAborted);
        var request = new FalHttpRequest(
            context.Request.Method,
            path,
            context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal),
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body);

        FalFault? fault = faults.TryTake(path);
        if (fault == FalFault.DropConnection)
        {
            context.Abort();
            return;
        }

        if (fault == FalFault.Hold)
        {
            faults.Holding();
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The client hung up (or the emulator stopped): nothing was answered.
            }

            return;
        }

        FalReply reply = fault is { } f && f != FalFault.ProcessThenDrop503
            ? FaultReply(f)
            : await RouteAsync(host, request);
        if (fault == FalFault.ProcessThenDrop503)
        {
            reply = FaultReply(FalFault.ServiceUnavailable503);
        }

        context.Response.StatusCode = reply.Status;
        context.Response.ContentType = reply.ContentType;
        foreach ((string name, string value) in reply.Headers)
        {
            context.Response.Headers[name] = value;
        }

        if (reply.Streamer is { } streamer)
        {
            try
            {
                await streamer(context.Response.Body, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The client hung up on the stream.
            }

            return;
        }

        await context.Response.Body.WriteAsync(reply.Body, context.RequestAborted);
    }

    private async Task<FalReply> RouteAsync(string host, FalHttpRequest request)
    {
        string authorization = request.Authorization;
        bool open = host == CdnHost
            || (host == RestHost && (FalStorageRoutes.IsUploadUrl(request.Path) || request.Path == ".well-known/jwks.json"));
        if (!open && authorization != $"Key {key}")
        {
            return FalReply.Detail(401, authorization.Length == 0
                ? "No authorization header; send 'Authorization: Key <FAL_KEY>'."
                : "Invalid API key.");
        }

        return host switch
        {
            QueueHost => await queueRoutes.HandleAsync(request),
            SyncHost => await syncRoutes.HandleAsync(request),
            RestHost when request.Path == ".well-known/jwks.json" => FalReply.Json(200, signingKeys.Jwks()),
            RestHost => storageRoutes.Handle(request),
            CdnHost => cdnRoutes.Handle(request),
            _ => FalReply.Detail(404, "Not found."),
        };
    }

    /// <summary>Gateway errors: they come before any app, so they carry no <c>x-fal-request-id</c>.</summary>
    private static FalReply FaultReply(FalFault fault) => fault switch
    {
        FalFault.TooManyRequests429 => FalReply.Detail(429, "Too many requests."),
        FalFault.BadGateway502 => FalReply.Detail(502, "Bad gateway."),
        FalFault.ServiceUnavailable503 => FalReply.Detail(503, "Service unavailable."),
        FalFault.GatewayTimeout504 => FalReply.Detail(504, "Gateway timeout."),
        FalFault.KeyRefused401 => FalReply.Detail(401, "Invalid API key."),
        FalFault.UserTimeout504 => FalReply.Json(
            504,
            new JsonObject { ["detail"] = "Request timed out before a runner started.", ["error_type"] = "request_timeout" },
            headers: new Dictionary<string, string> { ["X-Fal-Request-Timeout-Type"] = "user", ["X-Fal-Error-Type"] = "request_timeout" }),
        _ => FalReply.Detail(500, "Internal server error."),
    };
}
