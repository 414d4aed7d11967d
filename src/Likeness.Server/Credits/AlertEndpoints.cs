using Likeness.Server.Auth;
using Likeness.Server.Problems;
using Likeness.Workspace.Alerts;
using Likeness.Workspace.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Likeness.Server.Credits;

/// <summary><c>GET …/alerts</c> (viewers: the project's spending alerts) and <c>GET …/audit</c> (admins: the audit log).</summary>
internal static class AlertEndpoints
{
    private const int MaxLines = 1000;

    public static RouteGroupBuilder MapAlertsAndAudit(this RouteGroupBuilder project)
    {
        project.MapGet("/alerts", AlertsAsync).WithName("ListAlerts").WithTags("Alerts");
        project.MapGet("/audit", AuditAsync).WithName("ListAuditEntries").WithTags("Audit").RequireAuthorization(Policies.Admin);
        return project;
    }

    private static async Task<Ok<AlertResponse[]>> AlertsAsync(Guid project, int? limit, AlertBook alerts, CancellationToken cancellationToken) =>
        TypedResults.Ok((await alerts.ListAsync(project, Require.Limit(limit, MaxLines), cancellationToken).ConfigureAwait(false)).Select(AlertResponse.From).ToArray());

    private static async Task<Ok<AuditEntryResponse[]>> AuditAsync(Guid project, int? limit, AuditLog audit, CancellationToken cancellationToken) =>
        TypedResults.Ok((await audit.ListAsync(project, Require.Limit(limit, MaxLines), cancellationToken).ConfigureAwait(false)).Select(AuditEntryResponse.From).ToArray());

}

/// <summary>A spending alert.</summary>
/// <param name="Id">Its id (also the webhook delivery's <c>id</c>).</param>
/// <param name="Kind">budget or credits.</param>
/// <param name="UserId">The member, for credits.</param>
/// <param name="ThresholdPercent">The threshold reached.</param>
/// <param name="UsedUsd">Used when it was reached.</param>
/// <param name="LimitUsd">The budget or allowance.</param>
/// <param name="Message">One sentence.</param>
/// <param name="At">When.</param>
/// <param name="DeliveredAt">When the webhook took it; null while pending or without a webhook.</param>
/// <param name="Attempts">Delivery attempts.</param>
/// <param name="LastError">Why the last attempt failed.</param>
public sealed record AlertResponse(
    Guid Id, string Kind, Guid? UserId, int ThresholdPercent, decimal UsedUsd, decimal LimitUsd, string Message, DateTimeOffset At,
    DateTimeOffset? DeliveredAt, int Attempts, string? LastError)
{
    internal static AlertResponse From(Alert a) => new(a.Id, a.Kind, a.UserId, a.ThresholdPercent, a.UsedUsd, a.LimitUsd, a.Message, a.At, a.DeliveredAt, a.Attempts, a.LastError);
}

/// <summary>One line of the audit log.</summary>
/// <param name="Id">Its id.</param>
/// <param name="ActorUserId">Who; null for the local owner (CLI) or the server.</param>
/// <param name="Action">paid-call-charged, paid-call-refunded, member-added, member-role-changed, member-removed, credits-set.</param>
/// <param name="Detail">What, in words.</param>
/// <param name="SubjectId">The shot, identity, video or user it concerns.</param>
/// <param name="AmountUsd">The charge or allowance.</param>
/// <param name="At">When.</param>
public sealed record AuditEntryResponse(Guid Id, Guid? ActorUserId, string Action, string Detail, Guid? SubjectId, decimal? AmountUsd, DateTimeOffset At)
{
    internal static AuditEntryResponse From(AuditEntry a) => new(a.Id, a.ActorUserId, a.Action, a.Detail, a.SubjectId, a.AmountUsd, a.At);
}
