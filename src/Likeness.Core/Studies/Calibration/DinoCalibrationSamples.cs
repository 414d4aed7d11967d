namespace Likeness.Core.Studies.Calibration;

/// <summary>
/// DINO-I cosines of reference pairs, for DINO's own calibration: genuine pairs are two references of one study
/// character, impostor pairs a study character's reference against another character's. Whole frames and character
/// crops separately. Identical and near-identical images are never paired (as for the face calibration).
/// </summary>
/// <param name="Model">The DINOv2 model that embedded the references.</param>
/// <param name="GenuineWhole">Whole-frame cosines of genuine pairs.</param>
/// <param name="ImpostorWhole">Whole-frame cosines of impostor pairs.</param>
/// <param name="GenuineCrop">Character-crop cosines of genuine pairs.</param>
/// <param name="ImpostorCrop">Character-crop cosines of impostor pairs.</param>
public sealed record DinoCalibrationSamples(
    string Model, IReadOnlyList<double> GenuineWhole, IReadOnlyList<double> ImpostorWhole, IReadOnlyList<double> GenuineCrop, IReadOnlyList<double> ImpostorCrop);
