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

    /// <summary>Target false-accept rate for the identity threshold.</summary>
    public double TargetFalseAcceptRate { get; init; } = 0.01;

    /// <summary>Scorecard weights by criterion name; null for the seeds' defaults.</summary>
    public IReadOnlyDictionary<string, double>? ScorecardWeights { get; init; }
}
