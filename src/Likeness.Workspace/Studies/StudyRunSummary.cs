using Likeness.Core.Studies;
using Likeness.Core.Studies.Analysis;

namespace Likeness.Workspace.Studies;

/// <summary>What a study run produced: the results, their analysis and where they were written.</summary>
/// <param name="Results">Every shot (with its identity pass) and provider fact.</param>
/// <param name="Analysis">The calibration, statistics, scorecard and projections.</param>
/// <param name="Folder">The study folder (results, report and images).</param>
public sealed record StudyRunSummary(StudyResults Results, StudyAnalysis Analysis, string Folder)
{
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
