
namespace Likeness.Core.Studies.Calibration;

/// <summary>The calibrated identity threshold and how much to trust it.</summary>
public sealed record ThresholdCalibration
{
    /// <summary>The face-distance threshold: a shot keeps the identity when its distance is ≤ this; null when calibration refused.</summary>
    public double? Threshold { get; init; }

    /// <summary>True when computed from genuine and impostor samples; false when calibration refused (see <see cref="Reason"/>).</summary>
    public required bool Calibrated { get; init; }

    /// <summary>Why there is no threshold (overlapping or too few samples, no face engine); null when calibrated.</summary>
    public string? Reason { get; init; }

    /// <summary>The target false-accept rate.</summary>
    public required double TargetFalseAcceptRate { get; init; }

    /// <summary>Empirical false-accept rate at the threshold (null without impostors).</summary>
    public double? FalseAcceptRate { get; init; }

    /// <summary>Upper end of the 95 % Wilson interval of the false-accept rate: what the impostor count can vouch for.</summary>
    public double? FalseAcceptRateUpper95 { get; init; }

    /// <summary>Empirical false-reject rate at the threshold (null without genuine pairs).</summary>
    public double? FalseRejectRate { get; init; }

    /// <summary>Number of genuine distances.</summary>
    public int GenuineCount { get; init; }

    /// <summary>Number of impostor distances.</summary>
    public int ImpostorCount { get; init; }

    /// <summary>The face analyser the distances came from.</summary>
    public string? FaceAnalyzer { get; init; }

    /// <summary>FAR and FRR at every observed distance, ascending: the calibration curves.</summary>
    public IReadOnlyList<ErrorRatePoint> Curve { get; init; } = [];

    /// <summary>Caveats in words (too few impostors for the target, no samples, ...).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
