using Microsoft.Extensions.Logging;

namespace Likeness.Providers.Fal;

/// <summary>The fal client's log messages (never the key).</summary>
internal static partial class FalLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Submission to {Endpoint} answered {Status} with request id {RequestId}; checking whether fal queued it before submitting again")]
    public static partial void SubmissionAmbiguous(ILogger logger, string endpoint, string requestId, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not cancel fal request {RequestId}: {Error}")]
    public static partial void CancelFailed(ILogger logger, string requestId, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "fal request {RequestId} at {Endpoint} submitted")]
    public static partial void Submitted(ILogger logger, string requestId, string endpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook for {RequestId} rejected: {Reason}")]
    public static partial void WebhookRejected(ILogger logger, string? requestId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "fal signing keys could not be fetched ({Error}); using the cached ones")]
    public static partial void JwksStale(ILogger logger, string error);
}
