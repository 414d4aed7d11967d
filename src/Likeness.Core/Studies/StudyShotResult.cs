namespace Likeness.Core.Studies;

/// <summary>
/// One shot of a study with every measured field, as results.csv and results.json report it and the analysis
/// reads it. Null means "not measured" (no face engine, no CLIP model, the shot failed) and is written empty.
/// </summary>
public sealed record StudyShotResult
{
    /// <summary>The character's name.</summary>
    public required string Character { get; init; }

    /// <summary>The provider or sim profile ("fal", "sim-lora").</summary>
    public required string Provider { get; init; }

    /// <summary>The scenario's name ("close-up-portrait").</summary>
    public required string Scenario { get; init; }

    /// <summary>The variation within the scenario, from 1.</summary>
    public required int Variation { get; init; }

    /// <summary>The seed sent.</summary>
    public required long Seed { get; init; }

    /// <summary>"succeeded" or "failed".</summary>
    public required string Status { get; init; }

    /// <summary>Why it failed.</summary>
    public string? Error { get; init; }

    /// <summary>True when served from the shot cache (no new provider call).</summary>
    public bool Cached { get; init; }

    /// <summary>True for simulated output.</summary>
    public bool Simulated { get; init; }

    /// <summary>Provider latency of the call that made the shot.</summary>
    public double? LatencyMs { get; init; }

    /// <summary>What the call cost.</summary>
    public decimal? CostUsd { get; init; }

    /// <summary>Whether the face engine found a face.</summary>
    public bool? FaceDetected { get; init; }

    /// <summary>Mean face-descriptor distance to the character's references.</summary>
    public double? FaceDistance { get; init; }

    /// <summary>Smallest face-descriptor distance to a reference.</summary>
    public double? FaceDistanceMin { get; init; }

    /// <summary>Whether <see cref="FaceDistance"/> is under the calibrated threshold (set by the analysis).</summary>
    public bool? IdentityPass { get; init; }

    /// <summary>Mean CLIP image-image cosine similarity to the references (CLIP-I).</summary>
    public double? ClipI { get; init; }

    /// <summary>CLIP image-text cosine similarity to the scenario's scene text (CLIP-T).</summary>
    public double? ClipT { get; init; }

    /// <summary>Mean DINOv2 cosine of the whole frame to the references (DINO-I); null without a DINOv2 model.</summary>
    public double? DinoI { get; init; }

    /// <summary>Highest whole-frame DINO-I to a single reference.</summary>
    public double? DinoIMax { get; init; }

    /// <summary>Mean DINO-I of the character crop (face box grown to the body) to the references' crops.</summary>
    public double? DinoICrop { get; init; }

    /// <summary>Highest crop DINO-I to a single reference.</summary>
    public double? DinoICropMax { get; init; }

    /// <summary>Highest similarity to any single reference, for the copy-paste guard.</summary>
    public double? CopySimilarity { get; init; }

    /// <summary>True when the shot is a near-duplicate of a reference (identity "kept" by copying).</summary>
    public bool? CopyPaste { get; init; }

    /// <summary>Mean face distance to the other shots of the same character, provider and scenario.</summary>
    public double? SelfConsistency { get; init; }

    /// <summary>
    /// In a gated study, the gate's verdict on this attempt: "kept" or the rejection's code (<see cref="Gates.VerdictCodes"/>);
    /// <see cref="Variation"/> is then the attempt's number in its cell. Null when the study was not gated.
    /// </summary>
    public string? Verdict { get; init; }

    /// <summary>True for a preview draft (its full shot, same cell, attempt and seed, is the next row); null otherwise. Drafts are left out of the statistics.</summary>
    public bool? Draft { get; init; }

    /// <summary>The other characters a two-character scenario put in the frame, by name; null for a shot of one character.</summary>
    public IReadOnlyList<string>? With { get; init; }

    /// <summary>
    /// A two-character shot's bleed check (<see cref="Likeness.Core.Studies.Bleed.BleedCodes"/>): "none", or what bled ("duplicated", "missing",
    /// "ambiguous", joined by "+"); null when the shot has one character or could not be judged.
    /// </summary>
    public string? Bleed { get; init; }

    /// <summary>The simulator's ground truth for a two-character shot: whether it bled (a slot shows someone else); null for real providers.</summary>
    public bool? SimBleed { get; init; }

    /// <summary>The simulator's ground truth ("kept" or "drifted"); null for real providers.</summary>
    public string? SimIdentity { get; init; }

    /// <summary>The prompt sent.</summary>
    public string Prompt { get; init; } = string.Empty;

    /// <summary>The shot's id in the workspace.</summary>
    public string? ShotId { get; init; }

    /// <summary>Image path relative to the study folder.</summary>
    public string? Image { get; init; }

    /// <summary>Thumbnail path relative to the study folder.</summary>
    public string? Thumbnail { get; init; }
}
