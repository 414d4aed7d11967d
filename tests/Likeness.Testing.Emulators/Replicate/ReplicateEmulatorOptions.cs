using Likeness.Core.Scoring;

namespace Likeness.Testing.Emulators.Replicate;

/// <summary>
/// Knobs of a <see cref="ReplicateEmulator"/>. They may be changed while it runs: timings are read when a job is
/// created, everything else when it is used.
/// </summary>
public sealed class ReplicateEmulatorOptions
{
    /// <summary>The clock every status, deadline, data removal and webhook timestamp is computed from (a manual clock in tests).</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>Time a job stays <c>starting</c>.</summary>
    public TimeSpan StartDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Time a prediction stays <c>processing</c>.</summary>
    public TimeSpan RunDuration { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Time a training stays <c>processing</c> (its logs count steps).</summary>
    public TimeSpan TrainingDuration { get; set; } = TimeSpan.FromMilliseconds(600);

    /// <summary>The <c>metrics.predict_time</c> a finished prediction reports (the emulated wall time is much shorter).</summary>
    public double PredictSeconds { get; set; } = 4.2;

    /// <summary>The <c>metrics.predict_time</c> a finished training reports (providers.md: 11 min 22 s for 20 images).</summary>
    public double TrainingSeconds { get; set; } = 682;

    /// <summary>How long inputs, outputs, logs and output files are kept after a job ends (Replicate: 1 h).</summary>
    public TimeSpan DataRetention { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The image format when the input names none: <c>webp</c> as Replicate's (made with <c>cwebp</c>; PNG when it is
    /// not installed, see <see cref="ReplicateImages.WebpAvailable"/>), or <c>png</c> / <c>jpg</c>.
    /// </summary>
    public string DefaultOutputFormat { get; set; } = "webp";

    /// <summary>The account the token belongs to (<c>GET /account</c>).</summary>
    public string Username { get; set; } = "likeness-studio";

    /// <summary>Delivery attempts of a terminal webhook (intermediate events are sent once, as Replicate does).</summary>
    public int WebhookAttempts { get; set; } = 6;

    /// <summary>Pause between terminal webhook attempts.</summary>
    public TimeSpan WebhookRetryDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Makes a job fail when it would succeed: given the job's kind (<c>prediction</c>, <c>training</c>) and input, the error text, or null.</summary>
    public Func<string, System.Text.Json.JsonElement, string?>? FailWith { get; set; }

    /// <summary>A face engine for framing rendered images around the source's largest face; null frames the upper middle.</summary>
    public IFaceAnalyzer? Faces { get; set; }

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Time);
        ArgumentOutOfRangeException.ThrowIfLessThan(WebhookAttempts, 1, nameof(WebhookAttempts));
        ArgumentException.ThrowIfNullOrWhiteSpace(Username, nameof(Username));
        if (DefaultOutputFormat is not ("webp" or "png" or "jpg"))
        {
            throw new ArgumentException($"The default output format is webp, png or jpg (got '{DefaultOutputFormat}').", nameof(DefaultOutputFormat));
        }

        foreach ((TimeSpan value, string name) in new[]
        {
            (StartDelay, nameof(StartDelay)), (RunDuration, nameof(RunDuration)), (TrainingDuration, nameof(TrainingDuration)),
            (DataRetention, nameof(DataRetention)), (WebhookRetryDelay, nameof(WebhookRetryDelay)),
        })
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero, name);
        }
    }
}
