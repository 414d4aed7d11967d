using Likeness.Core.Characters;
using Likeness.Core.Scoring;
using Likeness.Core.Studies.Calibration;
using Likeness.Workspace.Characters;
using Likeness.Workspace.Studies.Scoring;

namespace Likeness.Workspace.Videos;

/// <summary>The identity threshold a clip is judged by: one the user gave, or one calibrated from the cast's references as studies do.</summary>
internal static class CharacterThreshold
{
    /// <summary>The threshold (null when it cannot be calibrated), its calibration, and "given", "calibrated" or "not calibrated: why".</summary>
    public static async Task<(double? Threshold, ThresholdCalibration? Calibration, string Source)> ResolveAsync(
        CharacterCatalog characters, IFaceAnalyzer? faces, Character character, double? given, double targetFalseAcceptRate, CancellationToken cancellationToken)
    {
        if (given is { } t)
        {
            return double.IsFinite(t) && t > 0 ? (t, null, "given") : throw new ArgumentException($"The threshold must be a positive face distance (got {t}).");
        }

        var samples = await CalibrationSampler.CollectAsync(characters, faces, [character], cancellationToken).ConfigureAwait(false);
        ThresholdCalibration calibration = ThresholdCalibrator.Calibrate(samples, targetFalseAcceptRate);
        return calibration.Calibrated
            ? (calibration.Threshold, calibration, "calibrated")
            : (null, calibration, "not calibrated: " + calibration.Reason);
    }
}
