using Likeness.Core.Gates;

namespace Likeness.Server.Calibrations;

/// <summary>A character's calibration state: the calibration in force, or why there can be none.</summary>
/// <param name="Calibration">The calibration the gate judges the character's shots against now; null when no engine can measure them.</param>
/// <param name="Unavailable">Why there is no calibration (no face in the references and no CLIP model, say); null when there is one.</param>
public sealed record CalibrationStateResponse(CalibrationResponse? Calibration, string? Unavailable);

/// <summary>One stored version of a character's gate threshold (docs/gate.md, Calibration).</summary>
/// <param name="Id">Its id (a gate's verdict names the calibration it used).</param>
/// <param name="Version">1, 2, … per character and metric: a new version when the references change.</param>
/// <param name="Metric">face (the face distance, mean to the references) or clip-i (the whole-image fallback).</param>
/// <param name="Model">The engine the distances came from.</param>
/// <param name="Threshold">A shot passes at or below it; null when the references could not calibrate one (see <paramref name="Warnings"/>).</param>
/// <param name="TargetFalseAcceptRate">The false-accept rate asked for.</param>
/// <param name="FalseAcceptRate">The measured false-accept rate at the threshold.</param>
/// <param name="FalseAcceptRateUpper95">The upper end of its 95 % Wilson interval: what the impostor count vouches for.</param>
/// <param name="FalseRejectRate">The measured false-reject rate (genuine leave-one-out samples over the threshold).</param>
/// <param name="GenuineCount">Genuine samples.</param>
/// <param name="ImpostorCount">Impostor samples (the project's other characters and the distractor faces).</param>
/// <param name="DistractorCount">How many impostors were distractor faces.</param>
/// <param name="Warnings">Why the references cannot support the target, or why there is no threshold; empty when they can.</param>
/// <param name="CreatedAt">When it was computed.</param>
public sealed record CalibrationResponse(
    Guid Id, int Version, string Metric, string Model, double? Threshold, double TargetFalseAcceptRate, double? FalseAcceptRate,
    double? FalseAcceptRateUpper95, double? FalseRejectRate, int GenuineCount, int ImpostorCount, int DistractorCount,
    IReadOnlyList<string> Warnings, DateTimeOffset CreatedAt)
{
    internal static CalibrationResponse From(CharacterCalibration c) => new(
        c.Id, c.Version, c.Metric, c.Model, c.Threshold, c.TargetFalseAcceptRate, c.FalseAcceptRate, c.FalseAcceptRateUpper95, c.FalseRejectRate,
        c.GenuineCount, c.ImpostorCount, c.DistractorCount, [.. c.Warnings], c.CreatedAt);
}
