namespace Likeness.Workspace.Studies.Definition;

/// <summary>One compared column of a study: a provider (or sim profile) and how its identity is made.</summary>
public sealed record StudyProvider
{
    /// <summary>The column's name in the results (defaults to the provider's name; unique in the study).</summary>
    public required string Label { get; init; }

    /// <summary>The registered provider ("sim-lora", "fal").</summary>
    public required string Provider { get; init; }

    /// <summary>"trained" or "reference"; null lets the provider decide (it trains when it can).</summary>
    public string? Approach { get; init; }

    /// <summary>
    /// Generation settings sent with every shot: <c>steps</c>, <c>guidance</c>, <c>negative_prompt</c>, and the provider
    /// parameters of <see cref="StudyShotParameters.ProviderNames"/> (<c>strength</c>, <c>control_strength</c>, <c>fidelity</c>, <c>scale</c>).
    /// </summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>Integration effort score 0..1 (1 = easiest); null takes the default table (<see cref="StudyProviderScores"/>).</summary>
    public double? Integration { get; init; }

    /// <summary>Browser compatibility score 0..1; null takes the default table (<see cref="StudyProviderScores"/>).</summary>
    public double? BrowserCompatibility { get; init; }

    /// <summary>The entry's place in a sweep (<c>sweep: {parameter, values}</c> expands one entry into one per value); null when not swept.</summary>
    public Core.Studies.StudySweepPoint? Sweep { get; init; }

    /// <summary>The entry's line in the study file (0 when not read from one), for errors found later.</summary>
    public int SourceLine { get; init; }
}
