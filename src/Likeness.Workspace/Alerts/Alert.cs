namespace Likeness.Workspace.Alerts;

/// <summary>
/// A spending alert: a threshold of a budget or of a member's credits reached, recorded once per threshold per
/// period (its <see cref="Key"/> is unique), and the state of its delivery to the outgoing webhook (an outbox: a
/// failed delivery stays pending and is tried again later).
/// </summary>
public sealed class Alert
{
    private Alert()
    {
    }

    /// <summary>Its id (time-ordered).</summary>
    public Guid Id { get; private set; }

    /// <summary>The project.</summary>
    public Guid ProjectId { get; private set; }

    /// <summary><c>budget</c>, <c>credits</c> or <c>prices</c> (a price-table change).</summary>
    public string Kind { get; private set; } = "";

    /// <summary>The member whose credits it is about (credits alerts).</summary>
    public Guid? UserId { get; private set; }

    /// <summary>The threshold reached, in percent.</summary>
    public int ThresholdPercent { get; private set; }

    /// <summary>What was used when it was reached.</summary>
    public decimal UsedUsd { get; private set; }

    /// <summary>The budget or allowance.</summary>
    public decimal LimitUsd { get; private set; }

    /// <summary>What makes it once per threshold per period (unique).</summary>
    public string Key { get; private set; } = "";

    /// <summary>One sentence.</summary>
    public string Message { get; private set; } = "";

    /// <summary>When it was recorded.</summary>
    public DateTimeOffset At { get; private set; }

    /// <summary>When the webhook took it; null while pending (or with no webhook configured).</summary>
    public DateTimeOffset? DeliveredAt { get; private set; }

    /// <summary>Delivery attempts so far.</summary>
    public int Attempts { get; private set; }

    /// <summary>Not before when the next attempt is made.</summary>
    public DateTimeOffset? NextAttemptAt { get; private set; }

    /// <summary>Why the last attempt failed.</summary>
    public string? LastError { get; private set; }

    internal static Alert Create(Guid projectId, string kind, Guid? userId, int threshold, decimal usedUsd, decimal limitUsd, string key, string message, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        ProjectId = projectId,
        Kind = kind,
        UserId = userId,
        ThresholdPercent = threshold,
        UsedUsd = usedUsd,
        LimitUsd = limitUsd,
        Key = key,
        Message = message,
        At = at,
    };

    /// <summary>Records a delivery.</summary>
    internal void Delivered(DateTimeOffset at)
    {
        DeliveredAt = at;
        Attempts++;
        NextAttemptAt = null;
        LastError = null;
    }

    /// <summary>Records a failed attempt; the next waits <paramref name="backoff"/>.</summary>
    internal void Failed(string error, DateTimeOffset at, TimeSpan backoff)
    {
        Attempts++;
        LastError = error.Length > 1000 ? error[..1000] : error;
        NextAttemptAt = at + backoff;
    }
}
