using System.Text.Json;
using Likeness.Testing.Emulators.Fal.Apps;

namespace Likeness.Testing.Emulators.Fal.Queue;

/// <summary>
/// One queued request. Its timeline (start, end) is fixed by <see cref="FalQueue"/> once a runner slot is assigned;
/// its phase at any moment follows from the clock, so a manual clock drives it without timers.
/// </summary>
internal sealed class FalJob(string requestId, string endpointId, string appId, IFalApp app, JsonElement input, string? webhookUrl,
    DateTimeOffset submittedAt, TimeSpan queueDelay, TimeSpan duration)
{
    public string RequestId { get; } = requestId;

    public string EndpointId { get; } = endpointId;

    /// <summary><c>owner/app</c>: the part of the endpoint id that status, result and cancel URLs use.</summary>
    public string AppId { get; } = appId;

    public IFalApp App { get; } = app;

    public JsonElement Input { get; } = input;

    public string? WebhookUrl { get; } = webhookUrl;

    public DateTimeOffset SubmittedAt { get; } = submittedAt;

    public TimeSpan QueueDelay { get; } = queueDelay;

    public TimeSpan Duration { get; } = duration;

    /// <summary>When it starts running; null until a runner slot is assigned.</summary>
    public DateTimeOffset? StartAt { get; set; }

    /// <summary>When it completes; null until a runner slot is assigned.</summary>
    public DateTimeOffset? EndAt { get; set; }

    /// <summary>How long its result media live, from <c>X-Fal-Object-Lifecycle-Preference</c>; null: the option.</summary>
    public TimeSpan? MediaLifetime { get; init; }

    /// <summary>Whether it was cancelled (removed from the queue, or stopped while running).</summary>
    public bool Cancelled { get; set; }

    /// <summary>Whether it was running when cancelled (its app saw the request and it completes with an error).</summary>
    public bool CancelledWhileRunning { get; set; }

    /// <summary>Its outcome, computed once, after completion.</summary>
    public Task<FalOutcome>? Outcome { get; set; }

    /// <summary>Whether its webhook delivery was started.</summary>
    public bool WebhookDispatched { get; set; }

    /// <summary>Whether a client asked for its status (so it holds the request id).</summary>
    public bool Followed { get; set; }

    public FalPhase PhaseAt(DateTimeOffset now) =>
        StartAt is not { } start || start > now ? FalPhase.InQueue
        : EndAt is { } end && end > now ? FalPhase.InProgress
        : FalPhase.Completed;
}
