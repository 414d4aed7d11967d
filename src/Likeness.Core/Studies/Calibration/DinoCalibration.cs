namespace Likeness.Core.Studies.Calibration;

/// <summary>
/// DINO-I's own calibration, beside the face threshold: a threshold at the study's target false-accept rate and the
/// genuine/impostor separation, for whole frames and character crops. The thresholds are chosen by
/// <see cref="ThresholdCalibrator"/> on the distance 1 − cosine, so the same rule and refusals apply; a shot would
/// keep the identity by this measure when its DINO-I is ≥ <see cref="CosineThreshold"/>. Informative only: no
/// shot's pass or fail is decided by it.
/// </summary>
public sealed record DinoCalibration
{
    /// <summary>The DINOv2 model.</summary>
    public required string Model { get; init; }

    /// <summary>The whole-frame calibration, on 1 − cosine.</summary>
    public required ThresholdCalibration Whole { get; init; }

    /// <summary>The character-crop calibration, on 1 − cosine.</summary>
    public required ThresholdCalibration Crop { get; init; }

    /// <summary>Genuine against impostor whole-frame cosines.</summary>
    public required Separation WholeSeparation { get; init; }

    /// <summary>Genuine against impostor crop cosines.</summary>
    public required Separation CropSeparation { get; init; }

    /// <summary>Calibrates <paramref name="samples"/>; null without samples (no DINOv2 model).</summary>
    public static DinoCalibration? Of(DinoCalibrationSamples? samples, double targetFalseAcceptRate)
    {
        if (samples is null)
        {
            return null;
        }

        return new DinoCalibration
        {
            Model = samples.Model,
            Whole = ThresholdCalibrator.Calibrate(AsDistances(samples.Model, samples.GenuineWhole, samples.ImpostorWhole), targetFalseAcceptRate),
            Crop = ThresholdCalibrator.Calibrate(AsDistances(samples.Model, samples.GenuineCrop, samples.ImpostorCrop), targetFalseAcceptRate),
            WholeSeparation = Separation.Of(samples.GenuineWhole, samples.ImpostorWhole, higherIsSame: true),
            CropSeparation = Separation.Of(samples.GenuineCrop, samples.ImpostorCrop, higherIsSame: true),
        };
    }

    /// <summary>A threshold on 1 − cosine as the cosine a shot must reach; null when not calibrated.</summary>
    public static double? CosineThreshold(ThresholdCalibration calibration)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        return calibration.Threshold is { } t ? 1 - t : null;
    }

    private static CalibrationSamples AsDistances(string model, IReadOnlyList<double> genuine, IReadOnlyList<double> impostor) =>
        new(model, [.. genuine.Select(c => 1 - c)], [.. impostor.Select(c => 1 - c)]);
}
