using System.Globalization;
using Likeness.Core.Studies;
using Likeness.Core.Studies.Calibration;

namespace Likeness.Core.Gates;

/// <summary>
/// Calibrates one character's gate threshold the way its shots are scored (mean distance to the references):
/// a genuine sample is one reference scored against the others (leave-one-out), an impostor sample is one
/// impostor face scored against all the references. The threshold is then chosen by
/// <see cref="ThresholdCalibrator"/> at the target false-accept rate, with its Wilson bound, and warnings say when
/// the samples cannot vouch for that rate.
/// </summary>
public static class CharacterCalibrator
{
    /// <summary>The genuine and impostor samples, then the threshold and the warnings.</summary>
    public static (ThresholdCalibration Calibration, IReadOnlyList<string> Warnings) Calibrate(CalibrationInputs inputs, double targetFalseAcceptRate)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var genuine = new List<double>();
        for (int i = 0; i < inputs.Own.Count && inputs.Own.Count > 1; i++)
        {
            IReadOnlyList<IReadOnlyList<float>> others = [.. inputs.Own.Where((_, j) => j != i)];
            genuine.Add(EmbeddingDistance.Mean(inputs.Metric, inputs.Own[i], others));
        }

        List<double> impostor = inputs.Own.Count == 0
            ? []
            : [.. inputs.CastImpostors.Concat(inputs.Distractors).Select(e => EmbeddingDistance.Mean(inputs.Metric, e, inputs.Own))];
        ThresholdCalibration calibration = ThresholdCalibrator.Calibrate(new CalibrationSamples(inputs.Model, genuine, impostor), targetFalseAcceptRate);
        return (calibration, Warnings(calibration, inputs));
    }

    /// <summary>Why the references cannot support the target rate, in sentences; empty when they can.</summary>
    private static List<string> Warnings(ThresholdCalibration calibration, CalibrationInputs inputs)
    {
        var warnings = new List<string>();
        if (calibration.GenuineCount < CalibrationRules.MinGenuinePairs)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"Only {inputs.Own.Count} reference(s) measured by {inputs.Model}: {calibration.GenuineCount} genuine sample(s), at least {CalibrationRules.MinGenuinePairs} are needed. Add references."));
        }

        if (calibration.ImpostorCount < CalibrationRules.MinImpostorPairs)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"Only {calibration.ImpostorCount} impostor face(s) ({inputs.CastImpostors.Count} from the cast, {inputs.Distractors.Count} distractors): at least {CalibrationRules.MinImpostorPairs} are needed. Add characters or distractor photos."));
        }

        if (calibration.FalseAcceptRateUpper95 is { } upper && upper > calibration.TargetFalseAcceptRate)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"{calibration.ImpostorCount} impostor faces can only vouch for a false-accept rate under {upper:P1} (95 % Wilson bound), not the target {calibration.TargetFalseAcceptRate:P1}: about {Needed(calibration.TargetFalseAcceptRate)} impostor faces would."));
        }

        return warnings;
    }

    /// <summary>Impostors needed for 0 accepted to vouch for <paramref name="target"/>: z² (1 − t) / t.</summary>
    internal static int Needed(double target) =>
        target <= 0 ? int.MaxValue : (int)Math.Ceiling(Studies.Statistics.Wilson.Z95 * Studies.Statistics.Wilson.Z95 * (1 - target) / target);
}
