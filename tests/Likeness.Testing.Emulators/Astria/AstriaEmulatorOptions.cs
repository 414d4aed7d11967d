using Likeness.Core.Scoring;

namespace Likeness.Testing.Emulators.Astria;

/// <summary>Knobs of an <see cref="AstriaEmulator"/>; timings are read when a tune or prompt is created, the rest when used.</summary>
public sealed class AstriaEmulatorOptions
{
    /// <summary>The clock every <c>started_training_at</c> / <c>trained_at</c> is computed from (a manual clock in tests).</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>Time from a tune's creation to <c>started_training_at</c>.</summary>
    public TimeSpan QueueDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Time a LoRA tune trains before <c>trained_at</c> is set.</summary>
    public TimeSpan TrainingDuration { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Time from a prompt's creation to its images.</summary>
    public TimeSpan PromptDuration { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How far the reported <c>eta</c> misses the real end of training (Astria's eta is an estimate).</summary>
    public TimeSpan EtaError { get; set; }

    /// <summary>Account idempotency (API settings): a tune whose title exists already answers the existing tune.</summary>
    public bool TitleIdempotency { get; set; }

    /// <summary>Tunes whose training fails: at the end of training they vanish (404), with no callback.</summary>
    public Func<string, bool>? FailTraining { get; set; }

    /// <summary>
    /// Prompts (by text) whose generation fails: at the end of it they vanish (404), with no callback, as a failed tune
    /// does (providers.md names no failed state for a prompt).
    /// </summary>
    public Func<string, bool>? FailPrompt { get; set; }

    /// <summary>
    /// An SDXL base in the gallery (branch <c>sdxl1</c>) under this id; read at start. providers.md names no SDXL base
    /// id, so there is none unless a test gives one.
    /// </summary>
    public long? SdxlBaseTuneId { get; set; }

    /// <summary>A face engine for framing rendered images around the largest face; null frames the upper middle.</summary>
    public IFaceAnalyzer? Faces { get; set; }

    /// <summary>Throws when a knob is out of range (checked at start).</summary>
    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Time);
        foreach ((TimeSpan value, string name) in new[] { (QueueDelay, nameof(QueueDelay)), (TrainingDuration, nameof(TrainingDuration)), (PromptDuration, nameof(PromptDuration)) })
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero, name);
        }

        if (SdxlBaseTuneId is { } sdxl)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(sdxl, 1, nameof(SdxlBaseTuneId));
        }
    }
}
