using System.Text.Json;
using Likeness.Providers.Fal.Models;

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
    /// <summary>Follows a request by polling until it completes and reads its outcome: the polling path to the same transition.</summary>
    public static async Task<FalCompletion> PollAsync(FalClient client, FalRequestHandle handle, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(handle);
        await client.WaitForCompletionAsync(handle, null, null, cancellationToken).ConfigureAwait(false);
        try
        {
            FalResult<JsonElement> result = await client.GetResultAsync(handle, cancellationToken).ConfigureAwait(false);
            return new FalCompletion(handle.RequestId, true, result.Value, null, FalCompletionSource.Polling);
        }
        catch (FalException ex) when (ex.Status is >= 400 and < 500 && ex.Status != 404)
        {
            JsonElement? payload = ex.Body is { Length: > 0 } body ? TryParse(body) : null;
            return new FalCompletion(handle.RequestId, false, payload, ex.Message, FalCompletionSource.Polling);
        }
    }

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

    private static JsonElement? TryParse(string text)
    {
        try
        {
            using JsonDocument doc = JsonDocument.Parse(text);
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
