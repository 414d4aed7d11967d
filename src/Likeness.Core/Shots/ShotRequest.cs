namespace Likeness.Core.Shots;

/// <summary>What was asked of a provider for one shot (one or more images from one call).</summary>
public sealed record ShotRequest
{
    /// <summary>The full prompt as sent.</summary>
    public required string Prompt { get; init; }

    /// <summary>The negative prompt as sent.</summary>
    public string NegativePrompt { get; init; } = string.Empty;

    /// <summary>Scenario name when the prompt came from one (e.g. "close-up-portrait").</summary>
    public string? Scenario { get; init; }

    /// <summary>Aspect ratio such as "1:1", "3:4", "16:9".</summary>
    public string AspectRatio { get; init; } = "1:1";

    /// <summary>Output width in pixels.</summary>
    public int Width { get; init; } = 1024;

    /// <summary>Output height in pixels.</summary>
    public int Height { get; init; } = 1024;

    /// <summary>Seed; the same seed and parameters give the same image at deterministic providers.</summary>
    public long Seed { get; init; }

    /// <summary>Diffusion steps, when the provider takes them.</summary>
    public int? Steps { get; init; }

    /// <summary>Guidance scale, when the provider takes it.</summary>
    public double? Guidance { get; init; }

    /// <summary>Images asked for.</summary>
    public int Count { get; init; } = 1;

    /// <summary>
    /// Settings only some providers take, by their wire name (Stability image-to-image: <c>strength</c>); a provider
    /// reads those it knows. Part of the cache key, so two strengths are two shots.
    /// </summary>
    public IReadOnlyDictionary<string, string> ProviderParameters { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The other characters the shot shows beside its own (by id), for a multi-character prompt; the gate checks the
    /// shot for bleed between them. Part of the cache key.
    /// </summary>
    public IReadOnlyList<Guid> Companions { get; init; } = [];

    /// <summary>Checks the values a provider would otherwise reject after charging.</summary>
    public void Validate()
    {
        if (ProviderParameters is null || ProviderParameters.Any(p => string.IsNullOrWhiteSpace(p.Key) || p.Value is null))
        {
            throw new RuleViolationException("Provider parameters need a name and a value each.");
        }

        if (Companions is null || Companions.Distinct().Count() != Companions.Count)
        {
            throw new InvalidInputException("A shot names each companion character once.", "companions");
        }

        if (string.IsNullOrWhiteSpace(Prompt))
        {
            throw new InvalidInputException("A shot needs a prompt.", "prompt");
        }

        if (Width is < 64 or > 4096 || Height is < 64 or > 4096)
        {
            throw new InvalidInputException($"Shot size {Width}x{Height} is outside 64..4096 px.", "size");
        }

        if (Count is < 1 or > 8)
        {
            throw new InvalidInputException($"A shot asks for 1 to 8 images (got {Count}).", "count");
        }

        if (Steps is < 1 or > 200)
        {
            throw new InvalidInputException($"Steps must be 1 to 200 (got {Steps}).", "steps");
        }

        if (Guidance is < 0 or > 50)
        {
            throw new InvalidInputException($"Guidance must be 0 to 50 (got {Guidance}).", "guidance");
        }
    }
}
