using System.Collections.Concurrent;
using System.Text.Json;
using Likeness.Providers.Replicate.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Likeness.Providers.Replicate.Webhooks;

/// <summary>What the receiver did with a delivery.</summary>
public enum ReplicateWebhookOutcome
{
    /// <summary>Verified and handed to the handler.</summary>
    Processed,

    /// <summary>Verified, but its <c>webhook-id</c> was handled already (Replicate retries terminal deliveries).</summary>
    Duplicate,

    /// <summary>Refused: bad or missing signature, unknown secret, stale timestamp, malformed body.</summary>
    Rejected,
}

/// <summary>The receiver's verdict and the status to answer Replicate with (it retries a terminal event on non-2xx).</summary>
public sealed record ReplicateWebhookResult(ReplicateWebhookOutcome Outcome, int HttpStatus, string? WebhookId, ReplicatePrediction? Prediction, string? Reason);

/// <summary>
/// Takes Replicate webhook deliveries from any HTTP host: pass the headers and the exact raw body. It verifies the
/// signature, then hands the prediction (or training) to the handler once per <c>webhook-id</c>. When the handler
/// throws, the id is released and the exception propagates (answer 500), so Replicate's retry handles it.
/// </summary>
public sealed class ReplicateWebhookReceiver(ReplicateWebhookVerifier verifier, Func<ReplicatePrediction, CancellationToken, Task> handler, ILogger? logger = null)
{
    private readonly ConcurrentDictionary<string, byte> _handled = new(StringComparer.Ordinal);
    private readonly ILogger _log = logger ?? NullLogger.Instance;

    /// <summary>Handles one delivery.</summary>
    public async Task<ReplicateWebhookResult> ReceiveAsync(IReadOnlyDictionary<string, string> headers, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var lookup = new Dictionary<string, string>(headers, StringComparer.OrdinalIgnoreCase);
        ReplicateWebhookVerification check = await verifier.VerifyAsync(name => lookup.GetValueOrDefault(name), body, cancellationToken).ConfigureAwait(false);
        if (!check.IsValid)
        {
            return Reject(401, check.WebhookId, check.Reason ?? "invalid");
        }

        ReplicatePrediction prediction;
        try
        {
            using JsonDocument doc = JsonDocument.Parse(body);
            prediction = ReplicateJson.Read<ReplicatePrediction>(doc.RootElement);
        }
        catch (JsonException ex)
        {
            return Reject(400, check.WebhookId, "malformed body: " + ex.Message);
        }

        string id = check.WebhookId!;
        if (!_handled.TryAdd(id, 0))
        {
            return new ReplicateWebhookResult(ReplicateWebhookOutcome.Duplicate, 200, id, prediction, null);
        }

        try
        {
            await handler(prediction, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _handled.TryRemove(id, out _);
            throw;
        }

        return new ReplicateWebhookResult(ReplicateWebhookOutcome.Processed, 200, id, prediction, null);
    }

    private ReplicateWebhookResult Reject(int status, string? id, string reason)
    {
        ReplicateLog.WebhookRejected(_log, id, reason);
        return new ReplicateWebhookResult(ReplicateWebhookOutcome.Rejected, status, id, null, reason);
    }
}
