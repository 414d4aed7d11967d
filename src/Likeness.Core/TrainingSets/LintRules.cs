namespace Likeness.Core.TrainingSets;

/// <summary>Stable ids of the training-set rules a <see cref="LintFinding"/> names.</summary>
public static class LintRules
{
    /// <summary>Fewer images than the provider needs or recommends, or more than it takes.</summary>
    public const string Count = "count";

    /// <summary>Two images the same or nearly (difference hash within <see cref="References.ImageFingerprint.NearDuplicateBits"/> bits).</summary>
    public const string Duplicate = "duplicate";

    /// <summary>No face found.</summary>
    public const string NoFace = "no-face";

    /// <summary>The face is too small once the image is scaled to the training resolution.</summary>
    public const string SmallFace = "small-face";

    /// <summary>The face touches the image's border.</summary>
    public const string FaceCut = "face-cut";

    /// <summary>A face farther from the set's medoid than the identity threshold: someone else.</summary>
    public const string OtherPerson = "other-person";

    /// <summary>Too few head poses (frontal, three-quarter, profile).</summary>
    public const string PoseCoverage = "pose-coverage";

    /// <summary>Every face lit alike.</summary>
    public const string LightingCoverage = "lighting-coverage";

    /// <summary>An image smaller than the provider takes or than it trains at.</summary>
    public const string Resolution = "resolution";

    /// <summary>An image much wider or taller than the trainer's buckets.</summary>
    public const string Aspect = "aspect";

    /// <summary>A caption without the trigger token.</summary>
    public const string TriggerMissing = "trigger-missing";

    /// <summary>A fixed trait of the character in every caption, which binds the identity to that phrase instead of the trigger.</summary>
    public const string FixedTrait = "fixed-trait";
}
