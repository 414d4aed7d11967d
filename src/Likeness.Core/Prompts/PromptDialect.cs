namespace Likeness.Core.Prompts;

/// <summary>How a provider expects the identity to be named in a prompt.</summary>
public enum PromptDialect
{
    /// <summary>Instant/reference providers: the character is described by name and traits; the references carry the identity.</summary>
    Reference,

    /// <summary>fal FLUX LoRA: the trigger word in the prompt, the LoRAs sent as a separate list of {path, scale}.</summary>
    FalLora,

    /// <summary>Astria: <c>&lt;lora:TUNE_ID:WEIGHT&gt;</c> tags before the trigger word (the provider adds its tune's tag when none is given).</summary>
    Astria,

    /// <summary>Replicate trainers: the trigger word the model was trained with.</summary>
    ReplicateTrigger,

    /// <summary>Kling elements: the character is referred to as <c>@Element1</c>.</summary>
    KlingElements,
}

/// <summary>A LoRA to apply: a URL/path (fal) or a tune id (Astria), and its strength.</summary>
public sealed record LoraReference(string Path, double Scale = 1.0);

/// <summary>A prompt ready to send.</summary>
public sealed record BuiltPrompt(string Prompt, string NegativePrompt, IReadOnlyList<LoraReference> Loras);
