namespace Likeness.Core.Studies;

/// <summary>Everything a study run measured: the input to the analysis and the report.</summary>
public sealed record StudyResults
{
    /// <summary>The study's name.</summary>
    public required string Name { get; init; }

    /// <summary>When the run finished.</summary>
    public required DateTimeOffset FinishedAt { get; init; }

    /// <summary>Every shot, in study order.</summary>
    public required IReadOnlyList<StudyShotResult> Shots { get; init; }

    /// <summary>The compared providers, in study order.</summary>
    public required IReadOnlyList<StudyProviderFacts> Providers { get; init; }

    /// <summary>Calibration distances; null without a face engine.</summary>
    public CalibrationSamples? Calibration { get; init; }

    /// <summary>DINO-I cosines of reference pairs; null without a DINOv2 model.</summary>
    public Calibration.DinoCalibrationSamples? DinoCalibration { get; init; }

    /// <summary>Target false-accept rate for the identity threshold.</summary>
    public double TargetFalseAcceptRate { get; init; } = 0.01;

    /// <summary>Scorecard weights by criterion name; null for the seeds' defaults.</summary>
    public IReadOnlyDictionary<string, double>? ScorecardWeights { get; init; }

    /// <summary>Characters the cost projections pay training for; null for the number of characters in the study.</summary>
    public int? ProjectedCharacters { get; init; }

    /// <summary>The success criteria the decisions judge; null for the seeds' (identity &gt; 95 %, &lt; 30 s, &lt; $0.15).</summary>
    public Decisions.SuccessCriteria? SuccessCriteria { get; init; }

    /// <summary>The (characters, generations a month) scales the decisions project at; null for the seeds' three.</summary>
    public IReadOnlyList<Decisions.ProjectionScale>? ProjectionScales { get; init; }

    /// <summary>Months a character's training is spread over in the decisions' projections; null for 12.</summary>
    public int? TrainingAmortisationMonths { get; init; }

    /// <summary>The study's gate (N, A and money per cell); null when the study was not gated.</summary>
    public Gating.StudyGate? Gate { get; init; }

    /// <summary>The (provider, scenario) pairs that were not run because the provider cannot make that kind of shot (a two-character scenario at a provider without multi-character shots).</summary>
    public IReadOnlyList<Bleed.StudyNotApplicable> NotApplicable { get; init; } = [];

    /// <summary>The study's <c>video:</c> request; null when it made no video.</summary>
    public Videos.StudyVideoRequest? Video { get; init; }

    /// <summary>The clips the study made (or tried to), character by character, provider by provider.</summary>
    public IReadOnlyList<Videos.StudyVideoResult> Videos { get; init; } = [];

    /// <summary>The CLIP-I each scenario was expected to reach by the plan (the seeds' 0.95), shown beside what was measured; never the pass bar.</summary>
    public IReadOnlyDictionary<string, double>? ExpectedClipI { get; init; }

    /// <summary>
    /// What blind human raters chose between the study's shots (docs/rating.md), attached when the report is re-rendered
    /// with the workspace's ratings; null when no pair of its shots has a vote.
    /// </summary>
    public Ratings.Analysis.RatingResults? Human { get; init; }
}
