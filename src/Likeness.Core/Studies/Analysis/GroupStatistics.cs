using Likeness.Core.Studies.Statistics;

namespace Likeness.Core.Studies.Analysis;

/// <summary>The statistics of one provider, overall (Scenario null) or in one scenario.</summary>
public sealed record GroupStatistics
{
    /// <summary>The provider.</summary>
    public required string Provider { get; init; }

    /// <summary>The scenario; null for all scenarios together.</summary>
    public string? Scenario { get; init; }

    /// <summary>Shots attempted.</summary>
    public required int Shots { get; init; }

    /// <summary>Shots that failed to generate.</summary>
    public required int Failed { get; init; }

    /// <summary>Shots the provider's moderation filtered: paid and kept, but no identity verdict (not counted as failed).</summary>
    public int Moderated { get; init; }

    /// <summary>Share of successful, face-scored shots in which a face was found.</summary>
    public required RateSummary FaceDetection { get; init; }

    /// <summary>Share of scored shots that keep the identity (no face counts as a fail).</summary>
    public required RateSummary IdentityPass { get; init; }

    /// <summary>Mean face distance to the references.</summary>
    public required SampleSummary FaceDistance { get; init; }

    /// <summary>Latency per successful shot.</summary>
    public required SampleSummary LatencyMs { get; init; }

    /// <summary>Cost per successful shot.</summary>
    public required SampleSummary CostUsd { get; init; }

    /// <summary>CLIP-I, when measured.</summary>
    public required SampleSummary ClipI { get; init; }

    /// <summary>CLIP-T, when measured.</summary>
    public required SampleSummary ClipT { get; init; }

    /// <summary>Whole-frame DINO-I, when measured.</summary>
    public required SampleSummary DinoI { get; init; }

    /// <summary>Character-crop DINO-I, when measured.</summary>
    public required SampleSummary DinoICrop { get; init; }

    /// <summary>Self-consistency distance between shots of a scenario.</summary>
    public required SampleSummary SelfConsistency { get; init; }

    /// <summary>Shots flagged as near-copies of a reference.</summary>
    public required int CopyPaste { get; init; }

    /// <summary>For sim profiles, the simulator's own share of kept identities (the truth to compare with); else null.</summary>
    public RateSummary? SimKept { get; init; }
}
