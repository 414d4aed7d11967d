namespace Likeness.Core.Studies.Calibration;

/// <summary>When a threshold may be calibrated at all.</summary>
public static class CalibrationRules
{
    /// <summary>
    /// Genuine pairs needed: 3, what one character that passed the reference check (at least 3 references with a
    /// face) gives. With fewer the false-reject rate rests on one or two numbers.
    /// </summary>
    public const int MinGenuinePairs = 3;

    /// <summary>
    /// Impostor pairs needed: 10. With fewer, even 0 accepted impostors leaves the 95 % Wilson upper bound of the
    /// false-accept rate above 28 % (3.84 / (n + 3.84)), and one impostor moves the FAR by more than 10 points: the
    /// threshold would vouch for nothing.
    /// </summary>
    public const int MinImpostorPairs = 10;

    /// <summary>An impostor distance at or below this is the same face on both sides (descriptors of one image), not two people.</summary>
    public const double SameImageDistance = 1e-6;
}
