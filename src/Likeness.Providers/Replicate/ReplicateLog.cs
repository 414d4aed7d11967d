using Microsoft.Extensions.Logging;

namespace Likeness.Providers.Replicate;

/// <summary>The Replicate client's log messages (never the token or the webhook secret).</summary>
internal static partial class ReplicateLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Replicate {Kind} {Id} created for {Target} ({Status})")]
    public static partial void Created(ILogger logger, string kind, string id, string target, string status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not cancel Replicate {Kind} {Id}: {Error}")]
    public static partial void CancelFailed(ILogger logger, string kind, string id, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Replicate model {Owner}/{Model} did not exist and was created")]
    public static partial void ModelCreated(ILogger logger, string owner, string model);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replicate webhook {WebhookId} rejected: {Reason}")]
    public static partial void WebhookRejected(ILogger logger, string? webhookId, string reason);
}
