using Likeness.Server.Auth;
using Likeness.Workspace.Credits;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Likeness.Server.Credits;

/// <summary>
/// Members' credits: <c>GET …/credits</c> (admins: every member), <c>GET …/credits/me</c> (any member: their own),
/// <c>PUT …/members/{user}/credits</c> (admins set an allowance per period).
/// </summary>
internal static class CreditEndpoints
{
    public static RouteGroupBuilder MapCredits(this RouteGroupBuilder project)
    {
        project.MapGet("/credits", ListAsync).WithName("ListCredits").WithTags("Credits").RequireAuthorization(Policies.Admin);
        project.MapGet("/credits/me", MineAsync).WithName("GetMyCredits").WithTags("Credits");
        project.MapPut("/members/{user:guid}/credits", SetAsync).WithName("SetMemberCredits").WithTags("Credits").RequireAuthorization(Policies.Admin);
        return project;
    }

    private static async Task<Ok<CreditResponse[]>> ListAsync(Guid project, CreditBook credits, CancellationToken cancellationToken) =>
        TypedResults.Ok((await credits.ListAsync(project, cancellationToken).ConfigureAwait(false)).Select(CreditResponse.From).ToArray());

    private static async Task<Ok<CreditResponse>> MineAsync(Guid project, HttpContext context, CreditBook credits, CancellationToken cancellationToken)
    {
        Guid me = context.User.UserId();
        MemberCredit? credit = await credits.GetAsync(project, me, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(credit is null ? CreditResponse.Unlimited(me) : CreditResponse.From(credit));
    }

    private static async Task<Ok<CreditResponse>> SetAsync(
        Guid project, Guid user, SetCreditsRequest request, HttpContext context, CreditBook credits, CancellationToken cancellationToken)
    {
        CreditPeriod period = CreditPeriods.Parse(request.Period);
        MemberCredit credit = await credits.SetAsync(project, user, request.AllowanceUsd, period, context.User.UserId(), cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(CreditResponse.From(credit));
    }
}

/// <summary>Set a member's credit allowance.</summary>
/// <param name="AllowanceUsd">USD per period; null for no limit (only the budget holds the member).</param>
/// <param name="Period">day, week or month (default month); the allowance starts afresh at each one's start (UTC).</param>
public sealed record SetCreditsRequest(decimal? AllowanceUsd, string? Period);

/// <summary>A member's credits (the seed's <c>user_credits</c>).</summary>
/// <param name="UserId">The member.</param>
/// <param name="AllowanceUsd">Per period; null is no limit.</param>
/// <param name="Period">day, week or month.</param>
/// <param name="UsedUsd">Charged this period (<c>credits_used</c>).</param>
/// <param name="ReservedUsd">Held by calls under way.</param>
/// <param name="RemainingUsd">What is left this period (<c>credits_remaining</c>); null without a limit.</param>
/// <param name="LastReset">When this period started (<c>last_reset</c>).</param>
/// <param name="GenerationsToday">Paid calls started today (UTC), for the role's quota.</param>
public sealed record CreditResponse(
    Guid UserId, decimal? AllowanceUsd, string Period, decimal UsedUsd, decimal ReservedUsd, decimal? RemainingUsd, DateTimeOffset? LastReset, int GenerationsToday)
{
    internal static CreditResponse From(MemberCredit c) => new(
        c.UserId, c.AllowanceUsd, c.Period.ToString().ToLowerInvariant(), c.UsedUsd, c.ReservedUsd, c.RemainingUsd, c.LastReset, c.Generations);

    internal static CreditResponse Unlimited(Guid userId) => new(userId, null, "month", 0, 0, null, null, 0);
}
