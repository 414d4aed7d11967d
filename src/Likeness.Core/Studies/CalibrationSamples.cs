using Likeness.Core.Studies.Calibration;

namespace Likeness.Core.Studies;

/// <summary>
/// Face-descriptor distances for calibrating the identity threshold: genuine pairs (two references of the same
/// character) and impostor pairs (a reference against a distractor identity or another character). Identical or
/// near-identical images are never paired; <see cref="Overlaps"/> lists the files that sit on both sides.
/// </summary>
public sealed record CalibrationSamples(string FaceAnalyzer, IReadOnlyList<double> Genuine, IReadOnlyList<double> Impostor)
{
    /// <summary>Reference files that one character shares with another (same file or near-identical); calibration refuses while any exist.</summary>
    public IReadOnlyList<CalibrationOverlap> Overlaps { get; init; } = [];
}
