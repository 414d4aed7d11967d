using System.Text.Json;
using Likeness.Core.Scoring;

namespace Likeness.Testing.Emulators.Fal;

/// <summary>
/// Knobs of a <see cref="FalEmulator"/>. They may be changed while it runs: queue timings are read when a
/// request is submitted, everything else when it is used.
/// </summary>
public sealed class FalEmulatorOptions
{
    /// <summary>The clock every queue state, retention and webhook timestamp is computed from (a manual clock in tests).</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>Time a request stays IN_QUEUE once a runner slot is free for it.</summary>
    public TimeSpan QueueDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Time an image or video request stays IN_PROGRESS.</summary>
    public TimeSpan RunDuration { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Time a <c>fal-ai/flux-lora-fast-training</c> request stays IN_PROGRESS (its logs show step progress).</summary>
    public TimeSpan TrainingDuration { get; set; } = TimeSpan.FromMilliseconds(600);

    /// <summary>Account concurrency: requests beyond it wait IN_QUEUE with a queue_position; none is rejected.</summary>
    public int Concurrency { get; set; } = 2;

    /// <summary>How long a result stays fetchable after completion.</summary>
    public TimeSpan ResultRetention { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a result of 10 KB or more stays fetchable after completion.</summary>
    public TimeSpan LargeResultRetention { get; set; } = TimeSpan.FromMinutes(6);

    /// <summary>How long result media (images, LoRA files, videos) stay on the CDN; uploaded files never expire.</summary>
    public TimeSpan MediaRetention { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// What the CDN answers for result media past <see cref="MediaRetention"/>: 404, as fal's CDN does, or 403, as a
    /// signed storage link past its expiry does (the CDN gets no key either way).
    /// </summary>
    public int ExpiredMediaStatus { get; set; } = 404;

    /// <summary>The user id webhook deliveries are signed for (<c>X-Fal-Webhook-User-Id</c>).</summary>
    public string UserId { get; set; } = "emulated-user";

    /// <summary>Delivery attempts per webhook when the receiver answers non-2xx or cannot be reached.</summary>
    public int WebhookAttempts { get; set; } = 10;

    /// <summary>Pause between webhook delivery attempts.</summary>
    public TimeSpan WebhookRetryDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Makes a submission fail on COMPLETED: given the endpoint id and the input, return the status code and the
    /// error JSON body the app answers with, or null to let it run.
    /// </summary>
    public Func<string, JsonElement, (int Status, string Body)?>? FailWith { get; set; }

    /// <summary>
    /// A face engine for framing: when set, rendered images crop around the largest face of the source photo, as the
    /// sim provider does; when null, around the upper middle, where portraits put the head.
    /// </summary>
    public IFaceAnalyzer? Faces { get; set; }

    /// <summary>Throws when a knob is out of range (checked at start).</summary>
    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Time);
        ArgumentOutOfRangeException.ThrowIfLessThan(Concurrency, 1, nameof(Concurrency));
        ArgumentOutOfRangeException.ThrowIfLessThan(WebhookAttempts, 1, nameof(WebhookAttempts));
        ArgumentException.ThrowIfNullOrWhiteSpace(UserId, nameof(UserId));
        if (ExpiredMediaStatus is not (403 or 404 or 410))
        {
            throw new ArgumentOutOfRangeException(nameof(ExpiredMediaStatus), ExpiredMediaStatus, "An expired link answers 403, 404 or 410.");
        }

        foreach ((TimeSpan value, string name) in new[]
        {
            (QueueDelay, nameof(QueueDelay)), (RunDuration, nameof(RunDuration)), (TrainingDuration, nameof(TrainingDuration)),
            (ResultRetention, nameof(ResultRetention)), (LargeResultRetention, nameof(LargeResultRetention)),
            (MediaRetention, nameof(MediaRetention)), (WebhookRetryDelay, nameof(WebhookRetryDelay)),
        })
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero, name);
        }
    }
}
