using System.Text.Json;

namespace Likeness.Providers.Fal.Webhooks;

/// <summary>Where a completion was learnt.</summary>
public enum FalCompletionSource
{
    /// <summary>From a signed webhook delivery.</summary>
    Webhook,

    /// <summary>From polling the queue.</summary>
    Polling,
}

/// <summary>
/// A fal request finished: the one state transition both the webhook and polling lead to. Handlers receive
/// it exactly once per request id through <see cref="FalCompletions"/>, whichever path arrives first.
/// </summary>
/// <param name="RequestId">fal's queue request id.</param>
/// <param name="Succeeded">True for <c>status: "OK"</c> (or a readable result).</param>
/// <param name="Output">The model output (or the error payload when failed).</param>
/// <param name="Error">fal's error text when failed.</param>
/// <param name="Source">Which path delivered it.</param>
public sealed record FalCompletion(string RequestId, bool Succeeded, JsonElement? Output, string? Error, FalCompletionSource Source)
{
    /// <summary>Reads a webhook body: <c>{request_id, gateway_request_id, status, payload, error?, payload_error?}</c>.</summary>
    public static FalCompletion FromWebhookBody(ReadOnlySpan<byte> body)
    {
        using JsonDocument doc = JsonDocument.Parse(body.ToArray());
        JsonElement root = doc.RootElement;
        string requestId = root.GetProperty("request_id").GetString() ?? throw new JsonException("request_id is null.");
        bool ok = root.TryGetProperty("status", out JsonElement status) && status.GetString() == "OK";
        JsonElement? payload = root.TryGetProperty("payload", out JsonElement p) && p.ValueKind != JsonValueKind.Null ? p.Clone() : null;
        string? error = root.TryGetProperty("error", out JsonElement e) && e.ValueKind == JsonValueKind.String ? e.GetString()
            : root.TryGetProperty("payload_error", out JsonElement pe) && pe.ValueKind == JsonValueKind.String ? pe.GetString() : null;
        return new FalCompletion(requestId, ok && payload is not null, payload, ok && payload is null ? error ?? "payload could not be serialised" : error, FalCompletionSource.Webhook);
    }
}
