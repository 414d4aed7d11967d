namespace Likeness.Providers.Stability;

/// <summary>The v2beta stable-image endpoints the client calls (providers.md §5), relative to the API host.</summary>
public static class StabilityEndpoints
{
    /// <summary>SD3.5: text-to-image, or image-to-image with <c>strength</c>.</summary>
    public const string Sd3 = "v2beta/stable-image/generate/sd3";

    /// <summary>Stable Image Core: text-to-image only.</summary>
    public const string Core = "v2beta/stable-image/generate/core";

    /// <summary>Stable Image Ultra: text-to-image (its image input is UNCONFIRMED, so none is sent).</summary>
    public const string Ultra = "v2beta/stable-image/generate/ultra";

    /// <summary>Structure control: keeps the input image's structure, <c>control_strength</c> 0..1.</summary>
    public const string Structure = "v2beta/stable-image/control/structure";

    /// <summary>Style control: takes the input image's style, <c>fidelity</c> 0..1.</summary>
    public const string Style = "v2beta/stable-image/control/style";
}
