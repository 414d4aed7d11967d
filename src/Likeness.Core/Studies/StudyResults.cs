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

    /// <summary>The CLIP-I each scenario was expected to reach by the plan (the seeds' 0.95), shown beside what was measured; never the pass bar.</summary>
    public IReadOnlyDictionary<string, double>? ExpectedClipI { get; init; }
}
