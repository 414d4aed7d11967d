namespace Likeness.Inference.Faces;

/// <summary>A detected face: the detector's score and its box in image pixels (unclipped).</summary>
/// <param name="Score">Objectness after the sigmoid, in (threshold, 1).</param>
/// <param name="Box">The box in pixels of the analysed image; may extend past its borders.</param>
public readonly record struct FaceDetection(double Score, FaceBox Box);
