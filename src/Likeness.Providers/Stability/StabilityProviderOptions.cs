using Likeness.Core.Costs;

namespace Likeness.Providers.Stability;

/// <summary>How <see cref="StabilityProvider"/> uses Stability's endpoints.</summary>
public sealed record StabilityProviderOptions
{
    /// <summary>The models sd3 takes (providers.md §5).</summary>
    public static IReadOnlyList<string> Models { get; } = ["sd3.5-large", "sd3.5-large-turbo", "sd3.5-medium"];

    /// <summary>The provider's name in the registry.</summary>
    public string Name { get; init; } = StabilityDescriptor.Name;

    /// <summary>Name for people.</summary>
    public string DisplayName { get; init; } = "Stability AI (SD3.5 image-to-image)";

    /// <summary>Which endpoint conditions on the reference.</summary>
    public StabilityApproach Approach { get; init; } = StabilityApproach.ImageToImage;

    /// <summary>The sd3 model for image-to-image.</summary>
    public string Model { get; init; } = "sd3.5-large";

    /// <summary>
    /// Image-to-image <c>strength</c> when the shot names none: 0 keeps the reference, 1 ignores it. 0.35 is
    /// Likeness's choice (v1's <c>image_strength</c> 0.65; see docs/providers.md, Stability), a shot may set its own.
    /// </summary>
    public double Strength { get; init; } = 0.35;

    /// <summary>Structure's <c>control_strength</c> when the shot names none (Stability's default 0.7).</summary>
    public double ControlStrength { get; init; } = 0.7;

    /// <summary>Style's <c>fidelity</c> when the shot names none (Stability's default 0.5).</summary>
    public double Fidelity { get; init; } = 0.5;

    /// <summary><c>jpeg</c>, <c>png</c> or <c>webp</c>.</summary>
    public string OutputFormat { get; init; } = "jpeg";

    /// <summary>The workspace's price overrides, applied to Stability's default prices.</summary>
    public PriceOverrides Prices { get; init; } = PriceOverrides.None;

    /// <summary>Checks the values.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Name);
        ArgumentException.ThrowIfNullOrWhiteSpace(DisplayName);
        if (!Enum.IsDefined(Approach))
        {
            throw new ArgumentOutOfRangeException(nameof(Approach), Approach, "Unknown Stability approach.");
        }

        if (!Models.Contains(Model))
        {
            throw new ArgumentException($"Stability sd3 model must be one of {string.Join(", ", Models)} (got '{Model}').");
        }

        foreach ((double value, string name) in new[] { (Strength, nameof(Strength)), (ControlStrength, nameof(ControlStrength)), (Fidelity, nameof(Fidelity)) })
        {
            if (value is < 0 or > 1 || double.IsNaN(value))
            {
                throw new ArgumentOutOfRangeException(name, value, "Must be 0 to 1.");
            }
        }

        if (OutputFormat is not ("jpeg" or "png" or "webp"))
        {
            throw new ArgumentException($"Stability output format must be jpeg, png or webp (got '{OutputFormat}').");
        }

        ArgumentNullException.ThrowIfNull(Prices);
    }
}
