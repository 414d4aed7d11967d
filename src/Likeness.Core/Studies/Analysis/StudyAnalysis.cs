using Likeness.Core.Studies.Calibration;
using Likeness.Core.Studies.Projections;
using Likeness.Core.Studies.Scorecard;

namespace Likeness.Core.Studies.Analysis;

/// <summary>Everything the analysis derives from a <see cref="StudyResults"/>.</summary>
public sealed record StudyAnalysis
{
    /// <summary>The identity threshold and calibration curves.</summary>
    public required ThresholdCalibration Calibration { get; init; }

    /// <summary>DINO-I's own calibration (informative: it decides no verdict); null without a DINOv2 model.</summary>
    public DinoCalibration? DinoCalibration { get; init; }

    /// <summary>The shots with <see cref="StudyShotResult.IdentityPass"/> set (not serialized: results.json has them under "results").</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<StudyShotResult> Shots { get; init; } = [];

    /// <summary>Per provider, all scenarios together, in study order.</summary>
    public required IReadOnlyList<GroupStatistics> ByProvider { get; init; }

    /// <summary>Per provider and scenario.</summary>
    public required IReadOnlyList<GroupStatistics> ByProviderScenario { get; init; }

    /// <summary>Pairwise tests between providers.</summary>
    public required IReadOnlyList<PairwiseTest> Pairwise { get; init; }

    /// <summary>The scorecard.</summary>
    public required StudyScorecard Scorecard { get; init; }

    /// <summary>Monthly cost projections per provider.</summary>
    public required IReadOnlyList<CostProjection> Projections { get; init; }

    /// <summary>Break-even points between each pair of providers.</summary>
    public required IReadOnlyList<BreakEven> BreakEvens { get; init; }

    /// <summary>The success criteria judged per provider, the recommendation and the projections at scale.</summary>
    public required Decisions.StudyDecisions Decisions { get; init; }

    /// <summary>Per provider, what a gated study's attempts came to; empty when the study was not gated.</summary>
    public IReadOnlyList<Gating.GateStatistics> Gate { get; init; } = [];

    /// <summary>Per provider and two-character scenario, how often the shots bled; empty without two-character scenarios.</summary>
    public IReadOnlyList<Bleed.BleedStatistics> Bleed { get; init; } = [];

    /// <summary>Per video provider, the clips and their cost per second; empty when the study made no video.</summary>
    public IReadOnlyList<Videos.VideoStatistics> Video { get; init; } = [];

    /// <summary>The seed, resamples and permutations used.</summary>
    public required StudyAnalysisOptions Options { get; init; }
}
