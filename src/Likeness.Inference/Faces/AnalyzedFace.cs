namespace Likeness.Inference.Faces;

/// <summary>One face found by <see cref="FaceAnalyzer.Analyze(Likeness.Imaging.Image)"/>.</summary>
/// <param name="Score">Detector score.</param>
/// <param name="Box">Detection box in image pixels (unclipped).</param>
/// <param name="Landmarks">The 68 landmarks in image pixels (face-api's iBUG order: jaw, brows, nose, eyes, mouth).</param>
/// <param name="Descriptor">The 128-D identity descriptor (not L2-normalised; same person when <see cref="FaceAnalyzer.Distance"/> &lt; 0.6).</param>
public sealed record AnalyzedFace(double Score, FaceBox Box, IReadOnlyList<FacePoint> Landmarks, float[] Descriptor);
