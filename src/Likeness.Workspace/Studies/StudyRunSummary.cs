using Likeness.Core;
using Likeness.Core.Studies;
using Likeness.Core.Studies.Analysis;

namespace Likeness.Workspace.Studies;

/// <summary>What a study run produced: the results, their analysis and where they were written.</summary>
/// <param name="Results">Every shot (with its identity pass) and provider fact.</param>
/// <param name="Analysis">The calibration, statistics, scorecard and projections.</param>
/// <param name="Folder">The study folder (results, report and images).</param>
public sealed record StudyRunSummary(StudyResults Results, StudyAnalysis Analysis, string Folder)
{
    /// <summary>
    /// The refusal that stopped the study before all of it was made (the payer's credits or quota, or a provider that
    /// refused the API key for a fresh shot); null when nothing was refused.
    /// </summary>
    public LikenessException? Refusal { get; init; }

    /// <summary>
    /// The provider's error that stopped a shot's collect with its call kept at the provider (a key it refused, or a
    /// passing failure of its status endpoint), which stopped the study: running it again collects that call, never
    /// sending it again. Null when no collect stopped.
    /// </summary>
    public LikenessException? Waiting { get; init; }

    /// <summary>What this run paid for: shots made by a new call (a cached row carries the cost of the call that first made it).</summary>
    public decimal PaidUsd => Results.Shots.Where(s => !s.Cached).Sum(s => s.CostUsd ?? 0m);

    /// <summary>Shots served from the cache.</summary>
    public int FromCache => Results.Shots.Count(s => s.Cached);

    /// <summary>Shots that failed.</summary>
    public int Failed => Results.Shots.Count(s => s.Status is not (StudyStatuses.Succeeded or StudyStatuses.Moderated));

    /// <summary>Shots the provider's moderation filtered (paid, kept, not scored).</summary>
    public int Moderated => Results.Shots.Count(s => s.Status == StudyStatuses.Moderated);

    /// <summary>Shots made by a new provider call in this run.</summary>
    public int New => Results.Shots.Count - FromCache - Failed;

    /// <summary>One line on the identity threshold: its value and basis, or "not calibrated" and why.</summary>
    public string CalibrationLine => Analysis.Calibration switch
    {
        { Threshold: { } tau } c => string.Create(
            System.Globalization.CultureInfo.InvariantCulture, $"Identity threshold {tau:0.0000}, calibrated on {c.GenuineCount} genuine and {c.ImpostorCount} impostor pairs."),
        var c => $"Identity threshold: not calibrated: {c.Reason}",
    };
}
