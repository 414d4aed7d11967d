using Likeness.Core.Studies.Calibration;

namespace Likeness.Core.Gates;

/// <summary>
/// One version of a character's gate threshold for one metric and model, stored so that every verdict names the
/// calibration it used. A new version is made when the character's references change (<see cref="ReferenceFingerprint"/>).
/// </summary>
public sealed class CharacterCalibration
{
    private CharacterCalibration()
    {
        Metric = Model = ReferenceFingerprint = string.Empty;
        Warnings = [];
    }

    /// <summary>Identifier.</summary>
    public Guid Id { get; private set; }

    /// <summary>The character.</summary>
    public Guid CharacterId { get; private set; }

    /// <summary>The gate metric (<see cref="GateMetrics"/>).</summary>
    public string Metric { get; private set; }

    /// <summary>The engine the distances came from (face analyser or CLIP model).</summary>
    public string Model { get; private set; }

    /// <summary>1, 2, ... per character and metric.</summary>
    public int Version { get; private set; }

    /// <summary>Hash of the metric, model and reference ids it was computed from (<see cref="CalibrationFingerprint"/>).</summary>
    public string ReferenceFingerprint { get; private set; }

    /// <summary>A shot passes when its distance is at or below this; null when the references could not calibrate one.</summary>
    public double? Threshold { get; private set; }

    /// <summary>The false-accept rate asked for.</summary>
    public double TargetFalseAcceptRate { get; private set; }

    /// <summary>Measured false-accept rate at the threshold.</summary>
    public double? FalseAcceptRate { get; private set; }

    /// <summary>Upper end of its 95 % Wilson interval: what the impostor count vouches for.</summary>
    public double? FalseAcceptRateUpper95 { get; private set; }

    /// <summary>Measured false-reject rate (genuine leave-one-out samples over the threshold).</summary>
    public double? FalseRejectRate { get; private set; }

    /// <summary>Genuine samples (one per reference, leave-one-out).</summary>
    public int GenuineCount { get; private set; }

    /// <summary>Impostor samples (other characters' references and distractor faces).</summary>
    public int ImpostorCount { get; private set; }

    /// <summary>How many of the impostors were distractor faces.</summary>
    public int DistractorCount { get; private set; }

    /// <summary>Why the references cannot support the target, or why there is no threshold; empty when they can.</summary>
    public List<string> Warnings { get; private set; }

    /// <summary>When it was computed.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Whether a gate can judge with it.</summary>
    public bool Usable => Threshold is not null;

    /// <summary>Records a computed calibration as version <paramref name="version"/>.</summary>
    public static CharacterCalibration Create(
        Guid characterId, string metric, string model, int version, string referenceFingerprint, int distractors,
        ThresholdCalibration calibration, IReadOnlyList<string> warnings, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        ArgumentNullException.ThrowIfNull(warnings);
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        DateTimeOffset now = time.GetUtcNow();
        return new CharacterCalibration
        {
            Id = Guid.CreateVersion7(now),
            CharacterId = characterId,
            Metric = metric,
            Model = model,
            Version = version,
            ReferenceFingerprint = referenceFingerprint,
            Threshold = calibration.Threshold,
            TargetFalseAcceptRate = calibration.TargetFalseAcceptRate,
            FalseAcceptRate = calibration.FalseAcceptRate,
            FalseAcceptRateUpper95 = calibration.FalseAcceptRateUpper95,
            FalseRejectRate = calibration.FalseRejectRate,
            GenuineCount = calibration.GenuineCount,
            ImpostorCount = calibration.ImpostorCount,
            DistractorCount = distractors,
            Warnings = [.. calibration.Reason is { } reason ? [$"Not calibrated: {reason}"] : Array.Empty<string>(), .. warnings],
            CreatedAt = now,
        };
    }
}
