using System.Security.Claims;
using System.Text.Json;
using Likeness.Core.Characters;
using Likeness.Core.Ratings;
using Likeness.Core.Studies;
using Likeness.Server.Auth;
using Likeness.Server.Problems;
using Likeness.Workspace.Characters;
using Likeness.Workspace.Ratings;
using Likeness.Workspace.Studies.Reporting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Likeness.Server.Ratings;

/// <summary>
/// <c>/api/projects/{project}/ratings</c>: blind human rating sessions. Viewers list them and read results; artists make
/// them (from shot ids, a character's shots or an uploaded results.json) and invite guests. Members rate through
/// <see cref="RaterEndpoints"/>.
/// </summary>
internal static class RatingEndpoints
{
    public static RouteGroupBuilder MapRatings(this RouteGroupBuilder project)
    {
        RouteGroupBuilder group = project.MapGroup("/ratings").WithTags("Ratings");
        group.MapGet("/", ListAsync).WithName("ListRatingSessions");
        group.MapPost("/", CreateAsync).WithName("CreateRatingSession").RequireAuthorization(Policies.Artist);
        group.MapPost("/from-study", CreateFromStudyAsync).WithName("CreateRatingSessionFromStudy").RequireAuthorization(Policies.Artist);
        group.MapGet("/{session:guid}", GetAsync).WithName("GetRatingSession");
        group.MapGet("/{session:guid}/results", ResultsAsync).WithName("GetRatingResults");
        group.MapGet("/{session:guid}/invites", ListInvitesAsync).WithName("ListRatingInvites").RequireAuthorization(Policies.Artist);
        group.MapPost("/{session:guid}/invites", InviteAsync).WithName("InviteRater").RequireAuthorization(Policies.Artist);
        group.MapDelete("/{session:guid}/invites/{invite:guid}", RevokeAsync).WithName("RevokeRatingInvite").RequireAuthorization(Policies.Artist);
        group.MapRater();
        return project;
    }

    private static async Task<Ok<RatingSessionResponse[]>> ListAsync(Guid project, RatingBook ratings, CancellationToken cancellationToken)
    {
        var list = new List<RatingSessionResponse>();
        foreach (RatingSession s in await ratings.ListAsync(project, cancellationToken).ConfigureAwait(false))
        {
            list.Add(RatingSessionResponse.From(s, await ratings.PairCountAsync(s.Id, cancellationToken).ConfigureAwait(false)));
        }

        return TypedResults.Ok(list.ToArray());
    }

    private static async Task<Created<RatingSessionResponse>> CreateAsync(
        Guid project, CreateRatingRequest request, ClaimsPrincipal user, CharacterCatalog characters, RatingBook ratings, CancellationToken cancellationToken)
    {
        int perPair = request.PairsPerProviderPair ?? RatingBook.DefaultPairsPerProviderPair;
        string? name = request.Name is null ? null : Require.Text(request.Name, "name", RatingSession.MaxNameLength);
        RatingSession session;
        if (request.Character is { } character)
        {
            Character c = await characters.GetAsync(project, character, cancellationToken).ConfigureAwait(false);
            session = await ratings.CreateFromCharacterAsync(project, c.Id, name, perPair, user.UserId(), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            IReadOnlyList<Guid> shots = request.ShotIds is { Count: > 0 } ids ? ids : throw new Core.InvalidInputException("Give 'shotIds' or 'character'.", "shotIds");
            session = await ratings.CreateAsync(project, name ?? "shots", "shots", [.. shots], perPair, user.UserId(), cancellationToken).ConfigureAwait(false);
        }

        return await CreatedAsync(project, session, ratings, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Created<RatingSessionResponse>> CreateFromStudyAsync(
        Guid project, [FromBody] JsonElement results, ClaimsPrincipal user, RatingBook ratings, CancellationToken cancellationToken,
        string? name = null, int? pairsPerProviderPair = null)
    {
        StudyResults study = StudyOutputs.Parse(results.GetRawText(), "the uploaded results.json");
        string? label = name is null ? null : Require.Text(name, "name", RatingSession.MaxNameLength);
        RatingSession session = await ratings.CreateFromStudyAsync(
            project, study, label, pairsPerProviderPair ?? RatingBook.DefaultPairsPerProviderPair, user.UserId(), cancellationToken).ConfigureAwait(false);
        return await CreatedAsync(project, session, ratings, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Ok<RatingSessionResponse>> GetAsync(Guid project, Guid session, RatingBook ratings, CancellationToken cancellationToken)
    {
        RatingSession found = await ratings.GetAsync(project, session.ToString(), cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(RatingSessionResponse.From(found, await ratings.PairCountAsync(found.Id, cancellationToken).ConfigureAwait(false)));
    }

    private static async Task<Ok<RatingResultsResponse>> ResultsAsync(Guid project, Guid session, RatingBook ratings, CancellationToken cancellationToken) =>
        TypedResults.Ok(RatingResultsResponse.From(await ratings.ResultsAsync(project, session, cancellationToken).ConfigureAwait(false)));

    private static async Task<Ok<InviteResponse[]>> ListInvitesAsync(Guid project, Guid session, RatingInvites invites, CancellationToken cancellationToken) =>
        TypedResults.Ok((await invites.ListAsync(project, session, cancellationToken).ConfigureAwait(false)).Select(InviteResponse.From).ToArray());

    private static async Task<Created<IssuedInviteResponse>> InviteAsync(
        Guid project, Guid session, CreateInviteRequest request, RatingInvites invites, CancellationToken cancellationToken)
    {
        string label = Require.Text(request.Label, "label", RatingInvite.MaxLabelLength);
        TimeSpan? lifetime = request.ExpiresInDays is { } days
            ? days > 0 && days <= RatingInvite.MaxLifetime.TotalDays ? TimeSpan.FromDays(days) : throw new Core.InvalidInputException($"'expiresInDays' is more than 0 and at most {RatingInvite.MaxLifetime.TotalDays:0}.", "expiresInDays")
            : null;
        IssuedInvite issued = await invites.IssueAsync(project, session, label, lifetime, cancellationToken).ConfigureAwait(false);
        return TypedResults.Created(
            $"/api/projects/{project}/ratings/{session}/invites/{issued.Invite.Id}",
            new IssuedInviteResponse(InviteResponse.From(issued.Invite), issued.Secret, $"/ui/rate#{issued.Secret}"));
    }

    private static async Task<Ok<InviteResponse>> RevokeAsync(Guid project, Guid session, Guid invite, RatingInvites invites, CancellationToken cancellationToken) =>
        TypedResults.Ok(InviteResponse.From(await invites.RevokeAsync(project, session, invite, cancellationToken).ConfigureAwait(false)));

    private static async Task<Created<RatingSessionResponse>> CreatedAsync(Guid project, RatingSession session, RatingBook ratings, CancellationToken cancellationToken) =>
        TypedResults.Created(
            $"/api/projects/{project}/ratings/{session.Id}",
            RatingSessionResponse.From(session, await ratings.PairCountAsync(session.Id, cancellationToken).ConfigureAwait(false)));
}
