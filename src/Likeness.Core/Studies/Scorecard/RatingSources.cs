namespace Likeness.Core.Studies.Scorecard;

/// <summary>
/// Where a provider's integration or browser-compatibility rating came from, as the scorecard labels it
/// (<see cref="ScoreEntry.Source"/>, and <see cref="StudyProviderFacts.IntegrationSource"/> and
/// <see cref="StudyProviderFacts.BrowserCompatibilitySource"/>).
/// </summary>
public static class RatingSources
{
    /// <summary>The study file rated the provider (also how a rating without a recorded source is labelled).</summary>
    public const string StudyFile = "study file";

    /// <summary>The runner's table of per-provider default ratings.</summary>
    public const string DefaultTable = "default table";

    /// <summary>No rating at all: the scorecard's own default (<see cref="ScorecardRules.DefaultIntegration"/>, <see cref="ScorecardRules.DefaultBrowserCompatibility"/>).</summary>
    public const string Default = "default";
}
