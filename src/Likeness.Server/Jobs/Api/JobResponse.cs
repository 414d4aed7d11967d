using System.Text.Json;
using Likeness.Workspace.Jobs;

namespace Likeness.Server.Jobs.Api;

/// <summary>A background job as the API shows it (also each progress event's data).</summary>
/// <param name="Id">Its id.</param>
/// <param name="Kind">training, shots, referenceset, video or study.</param>
/// <param name="Status">queued, running, succeeded, failed or cancelled.</param>
/// <param name="Percent">How far it is, 0 to 100.</param>
/// <param name="CostUsd">What it has cost so far.</param>
/// <param name="Message">Its last progress message.</param>
/// <param name="ResultIds">What it made.</param>
/// <param name="Error">Why it failed, as an RFC 9457 problem.</param>
/// <param name="Version">Its change number (the event id of its progress stream).</param>
/// <param name="CreatedAt">When it was accepted.</param>
/// <param name="UpdatedAt">When it last changed.</param>
public sealed record JobResponse(
    Guid Id, string Kind, string Status, double Percent, decimal CostUsd, string? Message, IReadOnlyList<Guid> ResultIds, JsonElement? Error,
    int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    internal static JobResponse From(JobRecord job) => new(
        job.Id, job.Kind.ToString().ToLowerInvariant(), job.Status.ToString().ToLowerInvariant(), job.Percent, job.CostUsd, job.Message, job.ResultIds,
        job.Error is { } error ? JsonDocument.Parse(error).RootElement.Clone() : null, job.Version, job.CreatedAt, job.UpdatedAt);
}
