namespace Likeness.Core.Identity;

/// <summary>How an identity was made.</summary>
public enum IdentityModelKind
{
    /// <summary>Instant: the provider conditions on reference photos at generation time (no training).</summary>
    Reference,

    /// <summary>Trained: a LoRA or tune learned from the references.</summary>
    Trained,

    /// <summary>A provider-side element (e.g. Kling elements) built from a pinned frontal image and references.</summary>
    Element,
}

/// <summary>Life cycle of an identity model.</summary>
public enum IdentityModelStatus
{
    /// <summary>Training at the provider.</summary>
    Training,

    /// <summary>Usable for generation.</summary>
    Ready,

    /// <summary>Training failed or was cancelled.</summary>
    Failed,

    /// <summary>Kept for its history, no longer used.</summary>
    Archived,
}

/// <summary>What an artifact of an identity model is.</summary>
public enum IdentityArtifactKind
{
    /// <summary>LoRA or tune weights (safetensors).</summary>
    Weights,

    /// <summary>Training configuration file.</summary>
    Config,

    /// <summary>A reference to the provider's training job.</summary>
    ProviderJob,

    /// <summary>A reference to the provider's model (tune id, version, element id).</summary>
    ProviderModel,
}
