namespace Likeness.Workspace.Studies.Definition;

/// <summary>
/// The default table: integration and browser-compatibility scores (0..1) for the scorecard's two judgement
/// criteria, by provider. They are opinions, not measurements, so a study file may override them per provider;
/// docs/studies.md has the table and the reasons. A provider missing from the table gets the scorecard's own
/// default (<see cref="Core.Studies.Scorecard.ScorecardRules"/>).
/// </summary>
public static class StudyProviderScores
{
    private static readonly Dictionary<string, (double Integration, double Browser)> Table = new(StringComparer.OrdinalIgnoreCase)
    {
        // Offline and in-process: no key, no network, no CORS; stands in for the approach it simulates.
        ["sim-lora"] = (0.6, 0.5),
        ["sim-instant"] = (0.9, 0.8),
        ["sim-reference"] = (0.9, 0.8),
        // Queue API with webhooks and a JS client that can proxy keys; training adds a long-running job.
        ["fal"] = (0.8, 0.8),
        // The same API without the training step.
        ["fal-instant"] = (0.9, 0.8),
        ["replicate"] = (0.7, 0.5),
        ["astria"] = (0.5, 0.4),
        ["leonardo"] = (0.6, 0.5),
        ["stability"] = (0.7, 0.5),
    };

    /// <summary>The default integration score of <paramref name="provider"/>; null when the table does not rate it.</summary>
    public static double? Integration(string provider) => Table.TryGetValue(provider, out var s) ? s.Integration : null;

    /// <summary>The default browser-compatibility score of <paramref name="provider"/>; null when the table does not rate it.</summary>
    public static double? BrowserCompatibility(string provider) => Table.TryGetValue(provider, out var s) ? s.Browser : null;
}
