using Likeness.Core.Studies.Statistics;

namespace Likeness.Core.Studies.Calibration;

/// <summary>
/// Chooses the identity threshold from genuine (same person) and impostor (different people) face distances at a
/// target false-accept rate, instead of a fixed magic number.
/// </summary>
public static class ThresholdCalibrator
{
    /// <summary>
    /// The rule: candidates are the observed distances (genuine and impostor); the threshold is the largest candidate
    /// whose empirical FAR (impostors ≤ candidate / impostors) is ≤ the target. With n impostors the smallest non-zero
    /// FAR is 1/n, so when the target is below 1/n the rule demands FAR = 0 (the threshold stays below every impostor)
    /// and a note says the FAR is only known to be under the Wilson upper bound. When no candidate qualifies (the
    /// smallest distance is an impostor's) the threshold is that impostor's distance minus a hair, so nothing at or
    /// above any impostor passes. It refuses, with a reason and no threshold, when the samples cannot vouch for one:
    /// none (no face engine), the genuine and impostor sets share files, an impostor pair is one image twice, or
    /// fewer pairs than <see cref="CalibrationRules"/> asks.
    /// </summary>
    public static ThresholdCalibration Calibrate(CalibrationSamples? samples, double targetFalseAcceptRate)
    {
        if (targetFalseAcceptRate is < 0 or >= 1 || double.IsNaN(targetFalseAcceptRate))
        {
            throw new ArgumentOutOfRangeException(nameof(targetFalseAcceptRate), targetFalseAcceptRate, "The target false-accept rate must lie in [0, 1).");
        }

        double[] genuine = [.. (samples?.Genuine ?? []).Where(double.IsFinite).Order()];
        double[] impostor = [.. (samples?.Impostor ?? []).Where(double.IsFinite).Order()];
        if (RefusalReason(samples, genuine, impostor) is { } reason)
        {
            return new ThresholdCalibration
            {
                Calibrated = false,
                Reason = reason,
                TargetFalseAcceptRate = targetFalseAcceptRate,
                GenuineCount = genuine.Length,
                ImpostorCount = impostor.Length,
                FaceAnalyzer = samples?.FaceAnalyzer,
                Notes = [$"Not calibrated: {reason} No shot gets an identity verdict."],
            };
        }

        double[] candidates = [.. genuine.Concat(impostor).Distinct().Order()];
        List<ErrorRatePoint> curve = [.. candidates.Select(c => At(c, genuine, impostor))];
        ErrorRatePoint? chosen = curve.LastOrDefault(p => p.FalseAcceptRate <= targetFalseAcceptRate + 1e-12);
        var notes = new List<string>();
        if (chosen is null)
        {
            double below = impostor[0] - Math.Max(1e-9, Math.Abs(impostor[0]) * 1e-9);
            chosen = At(below, genuine, impostor);
            notes.Add("The smallest observed distance is an impostor's; the threshold sits just below it.");
        }

        if (targetFalseAcceptRate < 1.0 / impostor.Length)
        {
            notes.Add($"Only {impostor.Length} impostor distances: the smallest measurable non-zero FAR is 1/{impostor.Length}, above the target, so the threshold keeps every impostor out.");
        }

        int accepted = impostor.Count(d => d <= chosen.Threshold);
        return new ThresholdCalibration
        {
            Threshold = chosen.Threshold,
            Calibrated = true,
            TargetFalseAcceptRate = targetFalseAcceptRate,
            FalseAcceptRate = chosen.FalseAcceptRate,
            FalseAcceptRateUpper95 = Wilson.Interval(accepted, impostor.Length)!.High,
            FalseRejectRate = chosen.FalseRejectRate,
            GenuineCount = genuine.Length,
            ImpostorCount = impostor.Length,
            FaceAnalyzer = samples!.FaceAnalyzer,
            Curve = curve,
            Notes = notes,
        };
    }

    /// <summary>Why these samples cannot calibrate a threshold, in one sentence; null when they can.</summary>
    private static string? RefusalReason(CalibrationSamples? samples, double[] genuine, double[] impostor)
    {
        if (samples is null)
        {
            return "no face engine measured the references.";
        }

        if (samples.Overlaps.Count > 0)
        {
            string shared = string.Join("; ", samples.Overlaps.Select(o => $"{o.Character}'s {o.FileName} is {o.OtherCharacter}'s {o.OtherFileName}"));
            return $"the genuine and impostor sets overlap in {samples.Overlaps.Count} file(s) ({shared}): an image cannot be the same person for one character and a different person for another. Give each character its own photos.";
        }

        int sameImage = impostor.Count(d => d <= CalibrationRules.SameImageDistance);
        if (sameImage > 0)
        {
            return $"{sameImage} impostor pair(s) are at distance 0, the same image on both sides.";
        }

        if (genuine.Length < CalibrationRules.MinGenuinePairs || impostor.Length < CalibrationRules.MinImpostorPairs)
        {
            return $"{genuine.Length} genuine and {impostor.Length} impostor pairs; at least {CalibrationRules.MinGenuinePairs} and {CalibrationRules.MinImpostorPairs} are needed.";
        }

        return null;
    }

    /// <summary>FAR and FRR at one threshold.</summary>
    public static ErrorRatePoint At(double threshold, IReadOnlyList<double> genuine, IReadOnlyList<double> impostor)
    {
        ArgumentNullException.ThrowIfNull(genuine);
        ArgumentNullException.ThrowIfNull(impostor);
        double far = impostor.Count == 0 ? 0 : impostor.Count(d => d <= threshold) / (double)impostor.Count;
        double frr = genuine.Count == 0 ? 0 : genuine.Count(d => d > threshold) / (double)genuine.Count;
        return new ErrorRatePoint(threshold, far, frr);
    }
}
