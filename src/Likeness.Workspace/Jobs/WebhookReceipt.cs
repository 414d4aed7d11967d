namespace Likeness.Workspace.Jobs;

/// <summary>
/// A provider's completion webhook taken for handling: one row per (provider, request id), inserted before it is handled,
/// so a redelivery to any node finds it and is not handled twice. Deleted again when handling failed, so the next
/// delivery retries.
/// </summary>
public sealed class WebhookReceipt
{
    private WebhookReceipt()
    {
        Provider = string.Empty;
        RequestId = string.Empty;
    }

    /// <summary>The provider that sent it.</summary>
    public string Provider { get; private set; }

    /// <summary>The provider's request (job) id it completes.</summary>
    public string RequestId { get; private set; }

    /// <summary>When it was first taken.</summary>
    public DateTimeOffset ReceivedAt { get; private set; }

    /// <summary>A receipt for one completion.</summary>
    public static WebhookReceipt Create(string provider, string requestId, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(provider);
        ArgumentException.ThrowIfNullOrWhiteSpace(requestId);
        ArgumentNullException.ThrowIfNull(time);
        return new WebhookReceipt { Provider = provider, RequestId = requestId, ReceivedAt = time.GetUtcNow() };
    }
}
