namespace Likeness.Providers.Fal.Models;

/// <summary>Input of <c>fal-ai/flux-lora-fast-training</c>.</summary>
public sealed record FluxLoraTrainingInput
{
    /// <summary>URL of the training ZIP (images, optional same-name <c>.txt</c> captions).</summary>
    public required string ImagesDataUrl { get; init; }

    /// <summary>Used as the caption when the ZIP has none; ignored when captions are present.</summary>
    public string? TriggerWord { get; init; }

    /// <summary>Training steps (default not documented; Likeness sends 1000).</summary>
    public int? Steps { get; init; }

    /// <summary>Face masks to weight the loss on people (default true).</summary>
    public bool? CreateMasks { get; init; }

    /// <summary>Style training: no segmentation or captioning.</summary>
    public bool? IsStyle { get; init; }
}

/// <summary>Output of <c>fal-ai/flux-lora-fast-training</c>.</summary>
public sealed record FluxLoraTrainingOutput
{
    /// <summary>The LoRA weights (safetensors); feed its URL to <c>fal-ai/flux-lora</c> as <c>loras[].path</c>.</summary>
    public required FalFile DiffusersLoraFile { get; init; }

    /// <summary>The training configuration.</summary>
    public FalFile? ConfigFile { get; init; }
}
