namespace Likeness.Providers.Fal.Models;

/// <summary>The image fields fal's FLUX-family apps share (<c>fal-ai/instant-character</c>, <c>fal-ai/flux-lora</c>).</summary>
public abstract record FalImageInput
{
    /// <summary>What to draw (required).</summary>
    public required string Prompt { get; init; }

    /// <summary>Output size.</summary>
    public FalImageSize? ImageSize { get; init; }

    /// <summary>Images to make (default 1).</summary>
    public int? NumImages { get; init; }

    /// <summary>Seed (default random).</summary>
    public long? Seed { get; init; }

    /// <summary><c>jpeg</c> (default) or <c>png</c>.</summary>
    public string? OutputFormat { get; init; }

    /// <summary>Guidance scale (default 3.5).</summary>
    public double? GuidanceScale { get; init; }

    /// <summary>Denoising steps (default 28).</summary>
    public int? NumInferenceSteps { get; init; }

    /// <summary>fal's safety checker (default true).</summary>
    public bool? EnableSafetyChecker { get; init; }

    /// <summary>Return media as data URIs instead of hosted URLs (and keep them out of request history).</summary>
    public bool? SyncMode { get; init; }
}

/// <summary>Input of <c>fal-ai/instant-character</c>: one subject photo, no training.</summary>
public sealed record InstantCharacterInput : FalImageInput
{
    /// <summary>The subject's reference photo (a URL, or a data URI).</summary>
    public required string ImageUrl { get; init; }

    /// <summary>What not to draw.</summary>
    public string? NegativePrompt { get; init; }

    /// <summary>Subject prominence, 0 to 2 (default 1).</summary>
    public double? Scale { get; init; }
}

/// <summary>Input of <c>fal-ai/flux-lora</c>: FLUX.1 dev with any number of merged LoRAs.</summary>
public sealed record FluxLoraInput : FalImageInput
{
    /// <summary>The LoRAs and their scales.</summary>
    public required IReadOnlyList<FalLoraWeight> Loras { get; init; }
}

/// <summary>One LoRA for <c>fal-ai/flux-lora</c>: a URL (or Hugging Face repo) and its scale.</summary>
public sealed record FalLoraWeight(string Path, double Scale = 1.0);

/// <summary>Output of fal's image apps.</summary>
public sealed record FalImageOutput
{
    /// <summary>The images (hosted URLs, or data URIs in sync mode).</summary>
    public IReadOnlyList<FalImage> Images { get; init; } = [];

    /// <summary>The seed used.</summary>
    public long? Seed { get; init; }

    /// <summary>Per image: whether the safety checker flagged it.</summary>
    public IReadOnlyList<bool>? HasNsfwConcepts { get; init; }

    /// <summary>The prompt used.</summary>
    public string? Prompt { get; init; }

    /// <summary>Timings in seconds (e.g. <c>inference</c>).</summary>
    public IReadOnlyDictionary<string, double>? Timings { get; init; }
}
