using Likeness.Core.Videos.Drift;

namespace Likeness.Core.Studies.Videos;

/// <summary>One clip a study made: what it cost, and the character followed through it (<see cref="Drift"/>).</summary>
public sealed record StudyVideoResult
{
    /// <summary>The character's name.</summary>
    public required string Character { get; init; }

    /// <summary>The video provider.</summary>
    public required string Provider { get; init; }

    /// <summary>Whether the pin's references went with the frontal image (false: the frontal image alone).</summary>
    public required bool WithReferences { get; init; }

    /// <summary>"succeeded" or "failed" (<see cref="StudyStatuses"/>).</summary>
    public required string Status { get; init; }

    /// <summary>Why it failed.</summary>
    public string? Error { get; init; }

    /// <summary>The video's id in the workspace.</summary>
    public string? VideoId { get; init; }

    /// <summary>Seconds asked for.</summary>
    public required int DurationSeconds { get; init; }

    /// <summary>Seconds the provider returned (null when it failed).</summary>
    public double? Seconds { get; init; }

    /// <summary>What it cost (a clip made by an earlier run carries its original cost).</summary>
    public decimal CostUsd { get; init; }

    /// <summary>The provider's latency.</summary>
    public double? LatencyMs { get; init; }

    /// <summary>True for simulated output.</summary>
    public bool Simulated { get; init; }

    /// <summary>Why the made clip was not followed (no face engine, no FFmpeg, ...); null when it was.</summary>
    public string? NotChecked { get; init; }

    /// <summary>The character through the clip: every sampled frame, its distance and verdict, the breaks and gaps; null when not checked.</summary>
    public DriftReport? Drift { get; init; }

    /// <summary>The clip's path relative to the study folder.</summary>
    public string? Clip { get; init; }

    /// <summary>Its drift.html (the per-clip page) relative to the study folder.</summary>
    public string? DriftPage { get; init; }
}
