namespace Likeness.Core.Providers;

/// <summary>What a provider can do for a character.</summary>
[Flags]
public enum ProviderCapabilities
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary>Generate from reference photos with no training (instant character, image-to-image).</summary>
    ReferenceGeneration = 1,

    /// <summary>Train an identity (LoRA, tune) as a long-running operation.</summary>
    Training = 2,

    /// <summary>Generate with a trained identity.</summary>
    TrainedGeneration = 4,

    /// <summary>Make video from a pinned character's elements.</summary>
    ElementVideo = 8,

    /// <summary>Put several characters, each from its own references, in one reference-generated frame.</summary>
    MultiCharacter = 16,
}
