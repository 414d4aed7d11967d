using System.Text.Json.Serialization;

namespace Likeness.Providers.Leonardo.Models;

/// <summary>The body of <c>POST /generations</c>, with Leonardo's wire names (providers.md §4; they mix snake and camel case).</summary>
public sealed record LeonardoGenerationInput
{
    /// <summary>The prompt.</summary>
    [JsonPropertyName("prompt")]
    public required string Prompt { get; init; }

    /// <summary>What must not appear.</summary>
    [JsonPropertyName("negative_prompt")]
    public string? NegativePrompt { get; init; }

    /// <summary>The model (Kino XL for Character Reference).</summary>
    [JsonPropertyName("modelId")]
    public required string ModelId { get; init; }

    /// <summary>Width: 32 to 1536, a multiple of 8.</summary>
    [JsonPropertyName("width")]
    public int Width { get; init; }

    /// <summary>Height: 32 to 1536, a multiple of 8.</summary>
    [JsonPropertyName("height")]
    public int Height { get; init; }

    /// <summary>Images: 1 to 8 (1 to 4 when a side is over 768).</summary>
    [JsonPropertyName("num_images")]
    public int NumImages { get; init; } = 1;

    /// <summary>Steps: 10 to 60.</summary>
    [JsonPropertyName("num_inference_steps")]
    public int? NumInferenceSteps { get; init; }

    /// <summary>Guidance: 1 to 20.</summary>
    [JsonPropertyName("guidance_scale")]
    public double? GuidanceScale { get; init; }

    /// <summary>The seed (at most 9999999998 outside Flux).</summary>
    [JsonPropertyName("seed")]
    public long? Seed { get; init; }

    /// <summary>Alchemy (better quality at a higher cost).</summary>
    [JsonPropertyName("alchemy")]
    public bool? Alchemy { get; init; }

    /// <summary>Image guidance, e.g. one Character Reference.</summary>
    [JsonPropertyName("controlnets")]
    public IReadOnlyList<LeonardoControlNet>? ControlNets { get; init; }

    /// <summary>Whether the generation is public in Leonardo's community feed; always false here.</summary>
    [JsonPropertyName("public")]
    public bool Public { get; init; }
}

/// <summary>One <c>controlnets[]</c> item: an image guidance such as Character Reference (preprocessor 133).</summary>
public sealed record LeonardoControlNet
{
    /// <summary>Character Reference.</summary>
    public const int CharacterReference = 133;

    /// <summary>The guidance image: an init-image id (<c>UPLOADED</c>) or a generated image id (<c>GENERATED</c>).</summary>
    [JsonPropertyName("initImageId")]
    public required string InitImageId { get; init; }

    /// <summary><c>UPLOADED</c> or <c>GENERATED</c>.</summary>
    [JsonPropertyName("initImageType")]
    public string InitImageType { get; init; } = "UPLOADED";

    /// <summary>Which guidance: 133 for Character Reference.</summary>
    [JsonPropertyName("preprocessorId")]
    public int PreprocessorId { get; init; } = CharacterReference;

    /// <summary><c>Low</c>, <c>Mid</c> or <c>High</c> for Character Reference; null when <see cref="Weight"/> is sent.</summary>
    [JsonPropertyName("strengthType")]
    public string? StrengthType { get; init; }

    /// <summary>0 to 2, the alternative to <see cref="StrengthType"/> (send one, not both).</summary>
    [JsonPropertyName("weight")]
    public double? Weight { get; init; }
}
