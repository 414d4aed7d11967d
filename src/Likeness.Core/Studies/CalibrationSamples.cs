namespace Likeness.Core.Studies;

/// <summary>
/// Face-descriptor distances for calibrating the identity threshold: genuine pairs (two references of the same
/// character) and impostor pairs (a reference against a distractor identity or another character).
/// </summary>
public sealed record CalibrationSamples(string FaceAnalyzer, IReadOnlyList<double> Genuine, IReadOnlyList<double> Impostor);
