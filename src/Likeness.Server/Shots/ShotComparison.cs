using Likeness.Core.Characters;
using Likeness.Core.References;
using Likeness.Core.Scoring;
using Likeness.Core.Shots;
using Likeness.Server.References;
using Likeness.Workspace.Characters;
using Likeness.Workspace.Shots;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Likeness.Server.Shots;

/// <summary>
/// <c>GET …/shots/{shot}/compare</c>: the shot's closest reference (the smallest face distance from the shot's stored face
/// descriptor to each reference face the same engine described), for the gallery's side-by-side view. Computed from
/// what is stored, so it works for every scored shot without analysing an image again.
/// </summary>
internal static class ShotComparison
{
    public static async Task<Ok<ShotComparisonResponse>> CompareAsync(
        Guid project, string character, Guid shot, CharacterCatalog characters, ShotRunner shots, CancellationToken cancellationToken)
    {
        Character c = await characters.GetAsync(project, character, cancellationToken).ConfigureAwait(false);
        Shot found = await shots.GetAsync(c.Id, shot, cancellationToken).ConfigureAwait(false);
        ShotScores scores = found.Scores;
        if (scores.FaceDescriptor is not { Count: > 0 } descriptor || scores.FaceAnalyzer is not { } analyzer)
        {
            string why = scores.FaceDetected == false ? "No face was found in the shot." : "The shot's face was not measured.";
            return TypedResults.Ok(new ShotComparisonResponse(found.Id, null, null, why));
        }

        IReadOnlyList<ReferenceImage> references = await characters.ReferencesAsync(c.Id, cancellationToken).ConfigureAwait(false);
        var measured = references
            .Where(r => r.Analysis is { FacesFound: > 0 } a && a.Analyzer == analyzer && a.Descriptor.Count > 0)
            .Select(r => (Reference: r, Distance: FaceDistance.Between(descriptor, r.Analysis!.Descriptor)))
            .OrderBy(m => m.Distance)
            .ToList();
        return measured.Count == 0
            ? TypedResults.Ok(new ShotComparisonResponse(found.Id, null, null, $"No reference face was described by {analyzer}."))
            : TypedResults.Ok(new ShotComparisonResponse(found.Id, ReferenceResponse.From(measured[0].Reference), measured[0].Distance, null));
    }
}

/// <summary>A shot beside its closest reference.</summary>
/// <param name="ShotId">The shot.</param>
/// <param name="Reference">The reference whose face is closest to the shot's; null when none can be measured.</param>
/// <param name="FaceDistance">The face distance between the two (lower is closer).</param>
/// <param name="Unmeasured">Why there is no closest reference; null when there is one.</param>
public sealed record ShotComparisonResponse(Guid ShotId, ReferenceResponse? Reference, double? FaceDistance, string? Unmeasured);
