namespace Likeness.Core.Studies;

/// <summary>
/// What the scorecard and the projections need to know of one compared provider besides its shots: how its
/// identity is made, what it cost and took, and its price per image from the price table.
/// </summary>
public sealed record StudyProviderFacts
{
    /// <summary>The provider or sim profile name.</summary>
    public required string Provider { get; init; }

    /// <summary>Name for people.</summary>
    public required string DisplayName { get; init; }

    /// <summary>"trained", "reference" or "element": how the identity is made.</summary>
    public required string Approach { get; init; }

    /// <summary>True for sim profiles.</summary>
    public bool Simulated { get; init; }

    /// <summary>Measured training time per character (null when the approach needs no training).</summary>
    public double? TrainingSeconds { get; init; }

    /// <summary>Training cost per character (measured when trained in the study, else the price table's).</summary>
    public decimal? TrainingCostUsd { get; init; }

    /// <summary>Price of one image at the study's size from the price table.</summary>
    public required decimal PricePerImageUsd { get; init; }

    /// <summary>
    /// Integration effort score 0..1 (1 = easiest), from the study file or the default table; null when neither
    /// rates the provider (the scorecard then uses <see cref="Scorecard.ScorecardRules.DefaultIntegration"/>).
    /// </summary>
    public double? Integration { get; init; }

    /// <summary>
    /// Where <see cref="Integration"/> came from: <see cref="Scorecard.RatingSources.StudyFile"/> or
    /// <see cref="Scorecard.RatingSources.DefaultTable"/>. Null is read as the study file.
    /// </summary>
    public string? IntegrationSource { get; init; }

    /// <summary>
    /// Browser compatibility score 0..1, from the study file or the default table; null when neither rates the
    /// provider (the scorecard then uses <see cref="Scorecard.ScorecardRules.DefaultBrowserCompatibility"/>).
    /// </summary>
    public double? BrowserCompatibility { get; init; }

    /// <summary>Where <see cref="BrowserCompatibility"/> came from, as <see cref="IntegrationSource"/>.</summary>
    public string? BrowserCompatibilitySource { get; init; }

    /// <summary>The column's place in a parameter sweep; null when it is not part of one.</summary>
    public StudySweepPoint? Sweep { get; init; }
}
