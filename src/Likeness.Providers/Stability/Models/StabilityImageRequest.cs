namespace Likeness.Providers.Stability.Models;

/// <summary>An input image sent as the multipart <c>image</c> part (jpeg, png or webp; each side ≥ 64 px).</summary>
/// <param name="Bytes">The file.</param>
/// <param name="ContentType">Its media type.</param>
public sealed record StabilityInputImage(ReadOnlyMemory<byte> Bytes, string ContentType);

/// <summary>
/// The fields of one stable-image call; each endpoint sends only those it takes (see <see cref="StabilityClient"/>).
/// Names follow the wire: <c>prompt</c>, <c>negative_prompt</c>, <c>seed</c>, <c>output_format</c>, ...
/// </summary>
public sealed record StabilityImageRequest
{
    /// <summary><c>prompt</c> (required, at most 10,000 characters).</summary>
    public required string Prompt { get; init; }

    /// <summary><c>negative_prompt</c>.</summary>
    public string? NegativePrompt { get; init; }

    /// <summary><c>seed</c>, 0 to 4,294,967,294 (0 = random); null leaves it to Stability.</summary>
    public long? Seed { get; init; }

    /// <summary><c>output_format</c>: jpeg, png or webp.</summary>
    public string OutputFormat { get; init; } = "png";

    /// <summary><c>aspect_ratio</c> (text-to-image and style only).</summary>
    public string? AspectRatio { get; init; }

    /// <summary><c>model</c> of the sd3 endpoint (sd3.5-large, sd3.5-large-turbo, sd3.5-medium).</summary>
    public string? Model { get; init; }

    /// <summary><c>style_preset</c> of the core endpoint.</summary>
    public string? StylePreset { get; init; }

    /// <summary>The <c>image</c> part: sd3 image-to-image, structure and style.</summary>
    public StabilityInputImage? Image { get; init; }

    /// <summary>sd3 image-to-image <c>strength</c>: 0 keeps the input, 1 ignores it.</summary>
    public double? Strength { get; init; }

    /// <summary>Structure's <c>control_strength</c> (0..1, Stability's default 0.7).</summary>
    public double? ControlStrength { get; init; }

    /// <summary>Style's <c>fidelity</c> (0..1, Stability's default 0.5).</summary>
    public double? Fidelity { get; init; }
}
