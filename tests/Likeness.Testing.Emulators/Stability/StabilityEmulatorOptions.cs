using Likeness.Core.Scoring;

namespace Likeness.Testing.Emulators.Stability;

/// <summary>Knobs of a <see cref="StabilityEmulator"/>; they may be changed while it runs.</summary>
public sealed class StabilityEmulatorOptions
{
    /// <summary>The clock the rate limit and its lockout run on (a manual clock in tests).</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>Requests accepted per <see cref="RateWindow"/> before a 429 (Stability: 150).</summary>
    public int RatePermits { get; set; } = 150;

    /// <summary>The window the permits are counted over (Stability: 10 s).</summary>
    public TimeSpan RateWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>After exceeding the rate, every request is refused with 429 for this long (Stability: 60 s).</summary>
    public TimeSpan RateLockout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Largest request body (Stability: 10 MiB); a larger one gets 413 <c>payload_too_large</c>.</summary>
    public long MaxBodyBytes { get; set; } = 10L * 1024 * 1024;

    /// <summary>Prompt words that content moderation refuses outright: 403 <c>content_moderation</c>, nothing made.</summary>
    public IReadOnlyList<string> RefusedWords { get; set; } = ["forbidden"];

    /// <summary>Prompt words whose output is made, blurred and charged: 200 with finish_reason <c>CONTENT_FILTERED</c>.</summary>
    public IReadOnlyList<string> FilteredWords { get; set; } = ["blurme"];

    /// <summary>Longest side of a rendered image (image-to-image follows the input's aspect; text-to-image its aspect_ratio).</summary>
    public int MaxSide { get; set; } = 1024;

    /// <summary>Photos of other people an image drifts to when it loses the input's identity; without them it shows an empty scene.</summary>
    public IReadOnlyList<byte[]> Distractors { get; set; } = [];

    /// <summary>A face engine for framing (crop around the largest face, as the sim does); null crops the upper middle.</summary>
    public IFaceAnalyzer? Faces { get; set; }

    /// <summary>Throws when a knob is out of range (checked at start).</summary>
    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Time);
        ArgumentOutOfRangeException.ThrowIfLessThan(RatePermits, 1, nameof(RatePermits));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RateWindow, TimeSpan.Zero, nameof(RateWindow));
        ArgumentOutOfRangeException.ThrowIfLessThan(RateLockout, TimeSpan.Zero, nameof(RateLockout));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBodyBytes, 1024, nameof(MaxBodyBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxSide, 64, nameof(MaxSide));
        ArgumentNullException.ThrowIfNull(RefusedWords);
        ArgumentNullException.ThrowIfNull(FilteredWords);
        ArgumentNullException.ThrowIfNull(Distractors);
    }
}
