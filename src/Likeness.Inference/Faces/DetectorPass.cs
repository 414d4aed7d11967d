namespace Likeness.Inference.Faces;

/// <summary>One run of the face detector.</summary>
/// <param name="InputSize">The detector's input side in pixels.</param>
/// <param name="Fill">The share of that side the image's longer side takes: 1 for face-api's input, less for the downscaled pass.</param>
public readonly record struct DetectorPass(int InputSize, double Fill);
