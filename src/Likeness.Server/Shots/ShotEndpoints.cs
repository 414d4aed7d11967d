using System.Globalization;
using System.Security.Claims;
using Likeness.Core;
using Likeness.Core.Assets;
using Likeness.Core.Characters;
using Likeness.Core.Gates;
using Likeness.Core.Providers;
using Likeness.Core.Routing;
using Likeness.Core.Shots;
using Likeness.Server.Auth;
using Likeness.Server.Images;
using Likeness.Workspace.Characters;
using Likeness.Workspace.Shots;
using Likeness.Workspace.Shots.Listing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Likeness.Server.Shots;

/// <summary><c>/api/projects/{project}/characters/{character}/shots</c>: a character's shots and their images, for viewers; artists generate one, or a batch as a job.</summary>
internal static class ShotEndpoints
{
    public static RouteGroupBuilder MapShots(this RouteGroupBuilder project)
    {
        RouteGroupBuilder group = project.MapGroup("/characters/{character}/shots").WithTags("Shots");
        group.MapGet("/", ListAsync).WithName("ListShots").Produces<ShotSummaryResponse[]>();
        group.MapGet("/{shot:guid}", GetAsync).WithName("GetShot");
        group.MapGet("/{shot:guid}/images/{index:int}", ImageAsync).WithName("GetShotImage");
        group.MapGet("/{shot:guid}/compare", ShotComparison.CompareAsync).WithName("CompareShot");
        group.MapPut("/{shot:guid}/review", ReviewAsync).WithName("ReviewShot").RequireAuthorization(Policies.Artist);
        group.MapPost("/", ShotGeneration.GenerateAsync).WithName("GenerateShot").RequireAuthorization(Policies.Artist);
        group.MapPost("/batches", ShotBatches.StartAsync).WithName("GenerateShotBatch").RequireAuthorization(Policies.Artist);
        project.MapPost("/characters/{character}/reference-sets", ShotBatches.StartReferenceSetAsync).WithTags("Shots").WithName("MakeReferenceSet").RequireAuthorization(Policies.Artist);
        return project;
    }

    /// <summary>The most shots one page holds.</summary>
    internal const int MaxPage = 500;

    /// <summary>
    /// The character's shots, oldest first, as summaries (<see cref="ShotSummaryResponse"/>), or whole with
    /// <c>?view=full</c>: all of them, or with <paramref name="limit"/> (1 to 500; 100 when only <paramref name="after"/>
    /// is given) one page after the shot <paramref name="after"/>, with a <c>Link: rel="next"</c> header while more follow.
    /// <paramref name="provider"/>, <paramref name="status"/> and <paramref name="review"/> keep only the shots that match
    /// (<see cref="ShotListFilter"/>), before the list is paged.
    /// </summary>
    private static async Task<IResult> ListAsync(
        Guid project, string character, int? limit, Guid? after, string? view, string? provider, string? status, string? review,
        CharacterCatalog characters, ShotRunner shots, ShotSummaries summaries, ProviderRegistry providers, HttpContext context, CancellationToken cancellationToken)
    {
        bool full = view switch
        {
            null or "summary" => false,
            "full" => true,
            _ => throw new InvalidInputException("view is 'summary' (the default) or 'full'.", "view"),
        };
        ShotFilter filter = ShotListFilter.Parse(provider, status, review, providers);
        Character c = await characters.GetAsync(project, character, cancellationToken).ConfigureAwait(false);
        if (limit is null && after is null)
        {
            return full
                ? TypedResults.Ok((await shots.ListAsync(c.Id, filter, cancellationToken).ConfigureAwait(false)).Select(ShotResponse.From).ToArray())
                : TypedResults.Ok((await summaries.ListAsync(c.Id, filter, cancellationToken).ConfigureAwait(false)).Select(s => ShotSummaryResponse.From(project, s)).ToArray());
        }

        int size = limit ?? 100;
        if (size is < 1 or > MaxPage)
        {
            throw new InvalidInputException($"limit must be 1 to {MaxPage}.", "limit");
        }

        if (full)
        {
            ShotPage page = await shots.PageAsync(c.Id, size, after, filter, cancellationToken).ConfigureAwait(false);
            LinkNext(context, size, page.Next);
            return TypedResults.Ok(page.Shots.Select(ShotResponse.From).ToArray());
        }

        ShotSummaryPage brief = await summaries.PageAsync(c.Id, size, after, filter, cancellationToken).ConfigureAwait(false);
        LinkNext(context, size, brief.Next);
        return TypedResults.Ok(brief.Shots.Select(s => ShotSummaryResponse.From(project, s)).ToArray());
    }

    // The next page's address keeps the view and the filters asked for; only the cursor moves.
    private static void LinkNext(HttpContext context, int size, Guid? next)
    {
        if (next is { } cursor)
        {
            List<KeyValuePair<string, string?>> query =
            [
                new("limit", size.ToString(CultureInfo.InvariantCulture)),
                new("after", cursor.ToString()),
                .. ShotListFilter.Parameters.Where(context.Request.Query.ContainsKey).Select(p => new KeyValuePair<string, string?>(p, context.Request.Query[p].ToString())),
            ];
            context.Response.Headers.Link = $"<{context.Request.PathBase}{context.Request.Path}{QueryString.Create(query)}>; rel=\"next\"";
        }
    }

    private static async Task<Ok<ShotResponse>> GetAsync(Guid project, string character, Guid shot, CharacterCatalog characters, ShotRunner shots, CancellationToken cancellationToken)
    {
        Character c = await characters.GetAsync(project, character, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(ShotResponse.From(await shots.GetAsync(c.Id, shot, cancellationToken).ConfigureAwait(false)));
    }

    // Who and when come from the request and the clock; the gate's verdict on the shot is left as it was.
    private static async Task<Ok<ShotResponse>> ReviewAsync(
        Guid project, string character, Guid shot, ShotReviewRequest request, ClaimsPrincipal user, CharacterCatalog characters, ShotRunner shots, TimeProvider time,
        CancellationToken cancellationToken)
    {
        bool accepted = request.Accepted ?? throw new InvalidInputException("Say whether the shot is accepted: 'accepted' is true or false.", "accepted");
        Character c = await characters.GetAsync(project, character, cancellationToken).ConfigureAwait(false);
        var review = new ShotReview(accepted, user.UserId(), user.Identity?.Name ?? string.Empty, time.GetUtcNow());
        return TypedResults.Ok(ShotResponse.From(await shots.ReviewAsync(c.Id, shot, review, cancellationToken).ConfigureAwait(false)));
    }

    // ?w=256: a thumbnail of about that width (ImageThumbnails), for galleries.
    private static async Task<Results<PushStreamHttpResult, FileContentHttpResult>> ImageAsync(
        Guid project, string character, Guid shot, int index, int? w, CharacterCatalog characters, ShotRunner shots, IAssetStore assets, ImageThumbnails thumbnails,
        HttpResponse response, CancellationToken cancellationToken)
    {
        Character c = await characters.GetAsync(project, character, cancellationToken).ConfigureAwait(false);
        Shot found = await shots.GetAsync(c.Id, shot, cancellationToken).ConfigureAwait(false);
        if (index < 0 || index >= found.Assets.Count)
        {
            throw new NotFoundException(EntityKind.File, index.ToString(System.Globalization.CultureInfo.InvariantCulture), $"The shot has {found.Assets.Count} image(s); there is no image {index}.");
        }

        return await StoredImage.OpenAsync(assets, thumbnails, found.Assets[index], w, response, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>A shot as the API shows it; its images are at <c>…/shots/{id}/images/{index}</c>.</summary>
/// <param name="Id">Its id.</param>
/// <param name="IdentityModelId">The identity model used.</param>
/// <param name="Provider">The provider.</param>
/// <param name="Status">pending, succeeded, moderated or failed.</param>
/// <param name="Request">What was asked.</param>
/// <param name="ImageCount">How many images it has.</param>
/// <param name="CostUsd">What it cost.</param>
/// <param name="LatencyMs">The provider call's wall time.</param>
/// <param name="Simulated">Whether the simulator made it.</param>
/// <param name="Scores">The measured identity scores.</param>
/// <param name="Error">Why it failed.</param>
/// <param name="CreatedAt">When it was asked for.</param>
/// <param name="CompletedAt">When it finished.</param>
/// <param name="Verdict">The identity gate's automatic verdict; null for a shot no gate judged.</param>
/// <param name="Review">A person's accept or reject (who, when); null until reviewed.</param>
/// <param name="Route">Which entry of the character's route made it and which it skipped; null for a shot made without a route.</param>
public sealed record ShotResponse(
    Guid Id, Guid IdentityModelId, string Provider, string Status, ShotRequest Request, int ImageCount, decimal CostUsd, double? LatencyMs,
    bool Simulated, ShotScores Scores, string? Error, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt, ShotVerdictResponse? Verdict, ShotReview? Review,
    ShotRouteResponse? Route)
{
    internal static ShotResponse From(Shot s) => new(
        s.Id, s.IdentityModelId, s.Provider, s.Status.ToString().ToLowerInvariant(), s.Request, s.Assets.Count, s.CostUsd, s.LatencyMs,
        s.Simulated, s.Scores, s.Error, s.CreatedAt, s.CompletedAt, ShotVerdictResponse.From(s.Verdict), s.Review, ShotRouteResponse.From(s.Routing));
}

/// <summary>What the character's route did for a shot.</summary>
/// <param name="Policy">fixed, fallback or auto.</param>
/// <param name="Entry">The 1-based entry that made the shot.</param>
/// <param name="Provider">That entry's provider.</param>
/// <param name="Skipped">Earlier entries that did not serve, with why (nothing was paid there).</param>
public sealed record ShotRouteResponse(string Policy, int Entry, string Provider, ShotRouteSkipResponse[] Skipped)
{
    internal static ShotRouteResponse? From(ShotRouting? r) => r is null ? null : new ShotRouteResponse(
        r.Policy.ToString().ToLowerInvariant(), r.Entry, r.Provider, [.. r.Skipped.Select(k => new ShotRouteSkipResponse(k.Entry, k.Provider, k.Reason))]);
}

/// <summary>A route entry a shot fell through.</summary>
/// <param name="Entry">The 1-based entry.</param>
/// <param name="Provider">Its provider.</param>
/// <param name="Reason">Why it did not serve.</param>
public sealed record ShotRouteSkipResponse(int Entry, string Provider, string Reason);

/// <summary>The identity gate's verdict on a shot, with its face check against the character's calibrated threshold.</summary>
/// <param name="Kept">Whether the gate kept it.</param>
/// <param name="Reason">kept, no-face, identity, copy-paste, bleed, moderated or failed.</param>
/// <param name="FaceDistance">The face distance the gate judged (mean to the references); null without a face check.</param>
/// <param name="FaceThreshold">The calibrated threshold it was judged against; null without a face check.</param>
/// <param name="CopySimilarity">Similarity to the closest reference (copy-paste check); null when not measured.</param>
/// <param name="Draft">A preview draft's verdict (its full shot carries the real one).</param>
public sealed record ShotVerdictResponse(bool Kept, string Reason, double? FaceDistance, double? FaceThreshold, double? CopySimilarity, bool Draft)
{
    internal static ShotVerdictResponse? From(ShotVerdict? v)
    {
        if (v is null)
        {
            return null;
        }

        MetricCheck? face = v.Checks.FirstOrDefault(c => c.Metric == GateMetrics.Face);
        return new(v.Kept, VerdictCodes.Of(v.Reason), face?.Distance, face?.Threshold, v.CopySimilarity, v.Draft);
    }
}

/// <summary>Accept or reject a shot by hand.</summary>
/// <param name="Accepted">True to accept, false to reject.</param>
public sealed record ShotReviewRequest(bool? Accepted);
