namespace Likeness.Providers.Replicate;

/// <summary>Which Replicate trainer makes the identity; each has its own input names and its own generation inputs.</summary>
public enum ReplicateTrainer
{
    /// <summary><c>ostris/flux-dev-lora-trainer</c> (FLUX.1 dev LoRA; providers.md §2.3).</summary>
    FluxLora,

    /// <summary><c>stability-ai/sdxl</c> trained as a LoRA (its inputs are UNCONFIRMED in providers.md; see docs/providers.md).</summary>
    SdxlLora,
}
