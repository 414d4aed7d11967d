namespace Likeness.Core.Studies.Scorecard;

/// <summary>
/// How raw numbers become 0..1 scores. Time and money use 1 / (1 + x / half): 0 scores 1, the "half" value scores
/// 0.5, and scores fall smoothly without a cliff, independent of which other providers are in the study.
/// </summary>
public sealed record ScorecardRules
{
    /// <summary>Training time scoring 0.5 (15 minutes).</summary>
    public double TrainingHalfSeconds { get; init; } = 900;

    /// <summary>Training time assumed for a trained approach whose time was not measured (20 minutes).</summary>
    public double DefaultTrainingSeconds { get; init; } = 1_200;

    /// <summary>Mean latency per shot scoring 0.5 (10 s).</summary>
    public double LatencyHalfMs { get; init; } = 10_000;

    /// <summary>Effective cost per image scoring 0.5 ($0.05).</summary>
    public double CostHalfUsd { get; init; } = 0.05;

    /// <summary>Generations per character over which training cost is spread for the cost criterion.</summary>
    public int GenerationsPerCharacter { get; init; } = 100;

    /// <summary>Integration score when neither the study file nor the default table rates the provider.</summary>
    public double DefaultIntegration { get; init; } = 0.5;

    /// <summary>Browser compatibility score when neither the study file nor the default table rates the provider.</summary>
    public double DefaultBrowserCompatibility { get; init; } = 0.5;

    /// <summary>Lowest total for Tier 1.</summary>
    public double Tier1 { get; init; } = 0.75;

    /// <summary>Lowest total for Tier 2 (below is Tier 3).</summary>
    public double Tier2 { get; init; } = 0.5;

    /// <summary>Throws when a rule is out of range.</summary>
    public void Validate()
    {
        Positive(TrainingHalfSeconds, nameof(TrainingHalfSeconds));
        Positive(DefaultTrainingSeconds, nameof(DefaultTrainingSeconds));
        Positive(LatencyHalfMs, nameof(LatencyHalfMs));
        Positive(CostHalfUsd, nameof(CostHalfUsd));
        ArgumentOutOfRangeException.ThrowIfLessThan(GenerationsPerCharacter, 1, nameof(GenerationsPerCharacter));
        UnitScore(DefaultIntegration, nameof(DefaultIntegration));
        UnitScore(DefaultBrowserCompatibility, nameof(DefaultBrowserCompatibility));
        if (!(Tier2 > 0 && Tier2 < Tier1 && Tier1 <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Tier1), $"Tiers need 0 < Tier2 < Tier1 ≤ 1, not Tier1={Tier1}, Tier2={Tier2}.");
        }
    }

    /// <summary>The tier (1, 2 or 3) of a total.</summary>
    public int TierOf(double total) => total >= Tier1 ? 1 : total >= Tier2 ? 2 : 3;

    /// <summary>1 / (1 + x / half).</summary>
    public static double Decay(double value, double half) => 1 / (1 + (Math.Max(0, value) / half));

    private static void Positive(double value, string name)
    {
        if (!(value > 0) || !double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, "Must be a positive number.");
        }
    }

    private static void UnitScore(double value, string name)
    {
        if (value is < 0 or > 1 || double.IsNaN(value))
        {
            throw new ArgumentOutOfRangeException(name, value, "Must lie in [0, 1].");
        }
    }
}
