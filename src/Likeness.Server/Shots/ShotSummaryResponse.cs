using System.Globalization;
using Likeness.Core.Shots;
using Likeness.Workspace.Shots.Listing;

namespace Likeness.Server.Shots;

/// <summary>
/// A shot as the list shows it (<c>GET …/shots</c>): enough for a gallery card. The full shot (its whole request,
/// scores, descriptor) is <c>GET …/shots/{id}</c>, or every listed one with <c>?view=full</c>.
/// </summary>
/// <param name="Id">Its id.</param>
/// <param name="CharacterId">Its character.</param>
/// <param name="IdentityModelId">The identity model used.</param>
/// <param name="Provider">The provider.</param>
/// <param name="Status">pending, succeeded, moderated or failed.</param>
/// <param name="Request">What was asked, in brief: prompt, scenario, seed.</param>
/// <param name="ImageCount">How many images it has.</param>
/// <param name="CostUsd">What it cost.</param>
/// <param name="Simulated">Whether the simulator made it.</param>
/// <param name="Scores">Its face score, in brief: whether a face was found, the smallest and the mean face distance, and the face engine (what the gallery's calibrated badge reads).</param>
/// <param name="Error">Why it failed.</param>
/// <param name="CreatedAt">When it was asked for.</param>
/// <param name="CompletedAt">When it finished.</param>
/// <param name="Verdict">The identity gate's automatic verdict; null for a shot no gate judged.</param>
/// <param name="Review">A person's accept or reject (who, when); null until reviewed.</param>
/// <param name="Route">Which entry of the character's route made it and which it skipped; null for a shot made without a route.</param>
/// <param name="ThumbnailUrl">Its first image's thumbnail (a card's width); null for a shot without images.</param>
public sealed record ShotSummaryResponse(
    Guid Id, Guid CharacterId, Guid IdentityModelId, string Provider, string Status, ShotRequestBrief Request, int ImageCount, decimal CostUsd,
    bool Simulated, ShotScoresBrief Scores, string? Error, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt, ShotVerdictResponse? Verdict, ShotReview? Review,
    ShotRouteResponse? Route, string? ThumbnailUrl)
{
    /// <summary>The thumbnail width a list's cards show (one of the widths the image route makes).</summary>
    internal const int ThumbnailWidth = 384;

    internal static ShotSummaryResponse From(Guid project, ShotSummary s) => new(
        s.Id, s.CharacterId, s.IdentityModelId, s.Provider, s.Status.ToString().ToLowerInvariant(), s.Request, s.ImageCount, s.CostUsd,
        s.Simulated, s.Scores, s.Error, s.CreatedAt, s.CompletedAt, ShotVerdictResponse.From(s.Verdict), s.Review, ShotRouteResponse.From(s.Routing),
        s.ImageCount > 0 ? string.Create(CultureInfo.InvariantCulture, $"/api/projects/{project}/characters/{s.CharacterId}/shots/{s.Id}/images/0?w={ThumbnailWidth}") : null);
}
