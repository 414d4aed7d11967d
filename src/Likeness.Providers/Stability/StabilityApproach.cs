namespace Likeness.Providers.Stability;

/// <summary>How a <see cref="StabilityProvider"/> registration conditions on the character's reference photo.</summary>
public enum StabilityApproach
{
    /// <summary>sd3 image-to-image with <c>strength</c> (lower keeps more of the reference).</summary>
    ImageToImage,

    /// <summary><c>control/structure</c> with <c>control_strength</c> (keeps the reference's composition and pose).</summary>
    Structure,

    /// <summary><c>control/style</c> with <c>fidelity</c> (takes the reference's look).</summary>
    Style,
}
