using System.Security.Claims;
using Likeness.Core;
using Likeness.Core.Assets;
using Likeness.Core.Ratings;
using Likeness.Server.Auth;
using Likeness.Server.Images;
using Likeness.Workspace.Ratings;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Likeness.Server.Ratings;

/// <summary>
/// Rating itself, for a member (<c>/api/projects/{project}/ratings/{session}/…</c>, any role) or a guest
/// (<c>/api/rate/…</c> with the invite's secret in the <see cref="InviteHeader"/> header, which opens its own session
/// only): the next pair and question, the vote, and the pair's images by side and the character's references. Responses
/// name pairs and sides only, never a provider or a shot.
/// </summary>
internal static class RaterEndpoints
{
    /// <summary>The header a guest presents the invite's secret in (never the URL, which servers and proxies log).</summary>
    public const string InviteHeader = "X-Rating-Invite";

    public static RouteGroupBuilder MapRater(this RouteGroupBuilder ratings)
    {
        ratings.MapGet("/{session:guid}/next", MemberNextAsync).WithName("NextRatingPair");
        ratings.MapPost("/{session:guid}/votes", MemberVoteAsync).WithName("VoteOnRatingPair");
        ratings.MapGet("/{session:guid}/pairs/{pair:guid}/images/{side}", MemberImageAsync).WithName("GetRatingPairImage");
        ratings.MapGet("/{session:guid}/pairs/{pair:guid}/references/{index:int}", MemberReferenceAsync).WithName("GetRatingPairReference");
        return ratings;
    }

    public static void MapGuestRating(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder guest = app.MapGroup("/api/rate").WithTags("Ratings").AllowAnonymous();
        guest.MapGet("/next", GuestNextAsync).WithName("GuestNextRatingPair");
        guest.MapPost("/votes", GuestVoteAsync).WithName("GuestVoteOnRatingPair");
        guest.MapGet("/pairs/{pair:guid}/images/{side}", GuestImageAsync).WithName("GuestGetRatingPairImage");
        guest.MapGet("/pairs/{pair:guid}/references/{index:int}", GuestReferenceAsync).WithName("GuestGetRatingPairReference");
    }

    private static async Task<Ok<RaterTaskResponse>> MemberNextAsync(
        Guid project, Guid session, ClaimsPrincipal user, RatingBook ratings, RatingBooth booth, CancellationToken cancellationToken)
    {
        RatingSession found = await ratings.GetAsync(project, session.ToString(), cancellationToken).ConfigureAwait(false);
        RaterTask task = await booth.NextAsync(found.Id, user.UserId(), RaterKind.Member, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(RaterTaskResponse.From(found.Name, task, $"/api/projects/{project}/ratings/{found.Id}"));
    }

    private static async Task<Ok<RaterTaskResponse>> MemberVoteAsync(
        Guid project, Guid session, VoteRequest request, ClaimsPrincipal user, RatingBook ratings, RatingBooth booth, CancellationToken cancellationToken)
    {
        RatingSession found = await ratings.GetAsync(project, session.ToString(), cancellationToken).ConfigureAwait(false);
        await booth.VoteAsync(found.Id, user.UserId(), request.PairId, RatingNames.Question(request.Question), RatingNames.Side(request.Answer), cancellationToken).ConfigureAwait(false);
        RaterTask next = await booth.NextAsync(found.Id, user.UserId(), RaterKind.Member, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(RaterTaskResponse.From(found.Name, next, $"/api/projects/{project}/ratings/{found.Id}"));
    }

    private static async Task<PushStreamHttpResult> MemberImageAsync(
        Guid project, Guid session, Guid pair, string side, ClaimsPrincipal user, RatingBook ratings, RatingBooth booth, IAssetStore assets,
        HttpResponse response, CancellationToken cancellationToken)
    {
        RatingSession found = await ratings.GetAsync(project, session.ToString(), cancellationToken).ConfigureAwait(false);
        string asset = await booth.ShotImageAsync(found.Id, user.UserId(), pair, RatingNames.Side(side), cancellationToken).ConfigureAwait(false);
        return await PerRaterAsync(assets, asset, response, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<PushStreamHttpResult> MemberReferenceAsync(
        Guid project, Guid session, Guid pair, int index, RatingBook ratings, RatingBooth booth, IAssetStore assets, HttpResponse response,
        CancellationToken cancellationToken)
    {
        RatingSession found = await ratings.GetAsync(project, session.ToString(), cancellationToken).ConfigureAwait(false);
        string asset = await booth.ReferenceImageAsync(found.Id, pair, index, cancellationToken).ConfigureAwait(false);
        return await PerRaterAsync(assets, asset, response, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Ok<RaterTaskResponse>> GuestNextAsync(HttpRequest request, RatingInvites invites, RatingBook ratings, RatingBooth booth, CancellationToken cancellationToken)
    {
        (RatingInvite invite, RatingSession session) = await GuestAsync(request, invites, ratings, cancellationToken).ConfigureAwait(false);
        RaterTask task = await booth.NextAsync(session.Id, invite.Id, RaterKind.Guest, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(RaterTaskResponse.From(session.Name, task, "/api/rate"));
    }

    private static async Task<Ok<RaterTaskResponse>> GuestVoteAsync(
        VoteRequest vote, HttpRequest request, RatingInvites invites, RatingBook ratings, RatingBooth booth, CancellationToken cancellationToken)
    {
        (RatingInvite invite, RatingSession session) = await GuestAsync(request, invites, ratings, cancellationToken).ConfigureAwait(false);
        await booth.VoteAsync(session.Id, invite.Id, vote.PairId, RatingNames.Question(vote.Question), RatingNames.Side(vote.Answer), cancellationToken).ConfigureAwait(false);
        RaterTask next = await booth.NextAsync(session.Id, invite.Id, RaterKind.Guest, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(RaterTaskResponse.From(session.Name, next, "/api/rate"));
    }

    private static async Task<PushStreamHttpResult> GuestImageAsync(
        Guid pair, string side, HttpRequest request, RatingInvites invites, RatingBook ratings, RatingBooth booth, IAssetStore assets, CancellationToken cancellationToken)
    {
        (RatingInvite invite, RatingSession session) = await GuestAsync(request, invites, ratings, cancellationToken).ConfigureAwait(false);
        string asset = await booth.ShotImageAsync(session.Id, invite.Id, pair, RatingNames.Side(side), cancellationToken).ConfigureAwait(false);
        return await PerRaterAsync(assets, asset, request.HttpContext.Response, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<PushStreamHttpResult> GuestReferenceAsync(
        Guid pair, int index, HttpRequest request, RatingInvites invites, RatingBook ratings, RatingBooth booth, IAssetStore assets, CancellationToken cancellationToken)
    {
        (_, RatingSession session) = await GuestAsync(request, invites, ratings, cancellationToken).ConfigureAwait(false);
        string asset = await booth.ReferenceImageAsync(session.Id, pair, index, cancellationToken).ConfigureAwait(false);
        return await PerRaterAsync(assets, asset, request.HttpContext.Response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The invite in the header and its session; an unknown, expired or revoked one is not found (and never echoed).</summary>
    private static async Task<(RatingInvite Invite, RatingSession Session)> GuestAsync(
        HttpRequest request, RatingInvites invites, RatingBook ratings, CancellationToken cancellationToken)
    {
        RatingInvite invite = await invites.AuthenticateAsync(request.Headers[InviteHeader].ToString(), cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException(EntityKind.Rating, "invite", "No working rating invite: it is unknown, expired or revoked.");
        RatingSession session = await ratings.GetByIdAsync(invite.SessionId, cancellationToken).ConfigureAwait(false);
        return (invite, session);
    }

    private static Task<PushStreamHttpResult> PerRaterAsync(IAssetStore assets, string asset, HttpResponse response, CancellationToken cancellationToken) =>
        StoredImage.OpenAsync(assets, asset, response, cancellationToken, perViewer: true);
}
