using Likeness.Core.Costs;
using Likeness.Server.Problems;
using Likeness.Workspace.Costs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Likeness.Server.Costs;

/// <summary><c>/api/projects/{project}/costs</c>: the project's budget and balance, and its ledger lines, for viewers.</summary>
internal static class CostEndpoints
{
    private const int MaxLines = 1000;

    public static RouteGroupBuilder MapCosts(this RouteGroupBuilder project)
    {
        RouteGroupBuilder group = project.MapGroup("/costs").WithTags("Costs");
        group.MapGet("/", SummaryAsync).WithName("GetCosts");
        group.MapGet("/ledger", LedgerAsync).WithName("ListLedgerEntries");
        group.MapPost("/estimate", CostEstimate.EstimateAsync).WithName("EstimateCost");
        return project;
    }

    private static async Task<Ok<CostSummaryResponse>> SummaryAsync(Guid project, LedgerBook ledger, CancellationToken cancellationToken)
    {
        CostLedger read = await ledger.ReadAsync(project, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new CostSummaryResponse(read.BudgetUsd, read.CommittedUsd, read.ReservedUsd, read.AvailableUsd));
    }

    private static async Task<Ok<LedgerEntryResponse[]>> LedgerAsync(Guid project, int? limit, LedgerBook ledger, CancellationToken cancellationToken)
    {
        return TypedResults.Ok((await ledger.EntriesAsync(project, Require.Limit(limit, MaxLines), cancellationToken).ConfigureAwait(false)).Select(LedgerEntryResponse.From).ToArray());
    }
}

/// <summary>A project's money.</summary>
/// <param name="BudgetUsd">The cap; null is none.</param>
/// <param name="CommittedUsd">Spent.</param>
/// <param name="ReservedUsd">Held by calls under way.</param>
/// <param name="AvailableUsd">What is left under the cap; null without one.</param>
public sealed record CostSummaryResponse(decimal? BudgetUsd, decimal CommittedUsd, decimal ReservedUsd, decimal? AvailableUsd);

/// <summary>One ledger line.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Kind">reserve, commit or refund.</param>
/// <param name="ReservationId">The reservation it belongs to.</param>
/// <param name="AmountUsd">The amount.</param>
/// <param name="SubjectId">What it paid for (a shot, an identity, a video).</param>
/// <param name="Description">What it was.</param>
/// <param name="At">When.</param>
public sealed record LedgerEntryResponse(Guid Id, string Kind, Guid ReservationId, decimal AmountUsd, Guid? SubjectId, string Description, DateTimeOffset At)
{
    internal static LedgerEntryResponse From(LedgerEntry e) => new(e.Id, e.Kind.ToString().ToLowerInvariant(), e.ReservationId, e.AmountUsd, e.SubjectId, e.Description, e.At);
}
