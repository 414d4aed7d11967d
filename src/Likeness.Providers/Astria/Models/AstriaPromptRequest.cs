namespace Likeness.Providers.Astria.Models;

/// <summary><c>POST /tunes/:tune_id/prompts</c>, sent as JSON wrapped in <c>{"prompt": {…}}</c>.</summary>
public sealed record AstriaPromptRequest
{
    /// <summary>The text, with <c>&lt;lora:ID:strength&gt;</c> or <c>&lt;faceid:ID:1&gt;</c> tags (required).</summary>
    public required string Text { get; init; }

    /// <summary>The negative prompt.</summary>
    public string? NegativePrompt { get; init; }

    /// <summary>Images to make, 1 to 8.</summary>
    public int? NumImages { get; init; }

    /// <summary>Seed, 0 to 2^32.</summary>
    public long? Seed { get; init; }

    /// <summary>One of Astria's ratios (<c>1:1</c>, <c>16:9</c> …); or <see cref="W"/> and <see cref="H"/>.</summary>
    public string? AspectRatio { get; init; }

    /// <summary>Width, a multiple of 8.</summary>
    public int? W { get; init; }

    /// <summary>Height, a multiple of 8.</summary>
    public int? H { get; init; }

    /// <summary>Guidance, 0 to 15.</summary>
    public double? CfgScale { get; init; }

    /// <summary>Steps, 0 to 50.</summary>
    public int? Steps { get; init; }

    /// <summary>Where Astria POSTs the prompt when its images are ready.</summary>
    public string? Callback { get; init; }
}
