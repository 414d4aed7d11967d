using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Likeness.Providers.Fal.Webhooks;

/// <summary>What the receiver did with a delivery.</summary>
public enum FalWebhookDisposition
{
    /// <summary>Verified and handled now.</summary>
    Processed,

    /// <summary>Verified, but this request was already completed (a redelivery, or polling got there first).</summary>
    Duplicate,

    /// <summary>Refused: bad signature, unknown key, stale timestamp, malformed.</summary>
    Rejected,
}

/// <summary>The receiver's verdict and the HTTP status to answer fal with (fal redelivers on non-2xx).</summary>
public sealed record FalWebhookResult(FalWebhookDisposition Disposition, int HttpStatus, string? RequestId, string? Reason);

/// <summary>
/// Takes fal webhook deliveries from any HTTP host: pass the headers and the exact raw body. It verifies the
/// signature, checks the body names the signed request, and completes the request once through
/// <see cref="FalCompletions"/>. Answer fal with <see cref="FalWebhookResult.HttpStatus"/>; when the handler
/// throws, the exception propagates (answer 500) and the request stays unclaimed, so fal's next delivery retries it.
/// </summary>
public sealed class FalWebhookReceiver(FalWebhookVerifier verifier, FalCompletions completions, ILogger? logger = null)
{
    private readonly ILogger _log = logger ?? NullLogger.Instance;

    /// <summary>Handles one delivery.</summary>
    public async Task<FalWebhookResult> ReceiveAsync(IReadOnlyDictionary<string, string> headers, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var lookup = new Dictionary<string, string>(headers, StringComparer.OrdinalIgnoreCase);
        FalWebhookVerification check = await verifier.VerifyAsync(name => lookup.GetValueOrDefault(name), body, cancellationToken).ConfigureAwait(false);
        if (!check.IsValid)
        {
            return Reject(401, check.RequestId, check.Reason ?? "invalid");
        }

        FalCompletion completion;
        try
        {
            completion = FalCompletion.FromWebhookBody(body.Span);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return Reject(400, check.RequestId, "malformed body: " + ex.Message);
        }

        if (completion.RequestId != check.RequestId)
        {
            return Reject(400, check.RequestId, $"the body is for {completion.RequestId}, the signature for {check.RequestId}");
        }

        bool ran = await completions.CompleteAsync(completion, cancellationToken).ConfigureAwait(false);
        return new FalWebhookResult(ran ? FalWebhookDisposition.Processed : FalWebhookDisposition.Duplicate, 200, completion.RequestId, null);
    }

    private FalWebhookResult Reject(int status, string? requestId, string reason)
    {
        FalLog.WebhookRejected(_log, requestId, reason);
        return new FalWebhookResult(FalWebhookDisposition.Rejected, status, requestId, reason);
    }
}
