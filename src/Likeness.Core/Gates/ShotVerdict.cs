using Likeness.Core.Gates.Bleed;

namespace Likeness.Core.Gates;

/// <summary>
/// A gate's verdict on one shot, stored on the shot: kept or rejected with the reason, each metric's check (so a
/// later metric such as DINO adds a check rather than a new field), and the gate run and attempt it belongs to.
/// </summary>
public sealed record ShotVerdict
{
    /// <summary>Whether the gate kept the shot.</summary>
    public required bool Kept { get; init; }

    /// <summary>Why (<see cref="VerdictReason.Kept"/> when kept).</summary>
    public required VerdictReason Reason { get; init; }

    /// <summary>Each metric's check; each names the calibration it used.</summary>
    public IReadOnlyList<MetricCheck> Checks { get; init; } = [];

    /// <summary>Similarity (1 − differing hash bits / 64) to the closest reference; null when not measured.</summary>
    public double? CopySimilarity { get; init; }

    /// <summary>The cast check of a multi-character shot; null for a shot of one character.</summary>
    public BleedCheck? Bleed { get; init; }

    /// <summary>The cost cap (gate run) the attempt was made under.</summary>
    public Guid? CapId { get; init; }

    /// <summary>The attempt's number within its gate run, from 1.</summary>
    public int Attempt { get; init; }

    /// <summary>True for a preview draft: <see cref="Kept"/> then means the draft was accepted (its full shot, same seed, carries the real verdict).</summary>
    public bool Draft { get; init; }
}
