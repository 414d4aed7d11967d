using Likeness.Workspace.Studies.Stored;

namespace Likeness.Server.Studies;

/// <summary>A study run by the server; its files are at <c>…/studies/{id}/{file}</c> once it has succeeded.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Name">The study's name (from its file).</param>
/// <param name="Status">queued, running, succeeded, failed or cancelled.</param>
/// <param name="JobId">The background job that runs it (progress at <c>…/jobs/{jobId}/events</c>).</param>
/// <param name="CreatedAt">When it was accepted.</param>
/// <param name="FinishedAt">When it ended.</param>
/// <param name="Files">What it produced: <c>results.csv</c>, <c>results.json</c>, <c>report.html</c> and the report's <c>images/…</c>.</param>
/// <param name="Definition">The study file as it was sent.</param>
public sealed record StudyResponse(
    Guid Id, string Name, string Status, Guid? JobId, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, IReadOnlyList<string> Files, string Definition)
{
    internal static StudyResponse From(StudyRecord s) => new(
        s.Id, s.Name, s.Status.ToString().ToLowerInvariant(), s.JobId, s.CreatedAt, s.FinishedAt, [.. s.Files.Keys.Order(StringComparer.Ordinal)], s.Definition);
}
