using Likeness.Core.Characters;
using Likeness.Core.References;
using Likeness.Core.Scoring;
using Likeness.Core.Shots;
using Likeness.Inference.Clip;
using Likeness.Server.References;
using Likeness.Workspace.Characters;
using Likeness.Workspace.Clip;
using Likeness.Workspace.Shots;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Likeness.Server.Shots;

/// <summary>
/// <c>GET …/shots/{shot}/compare</c>: the shot's closest reference (the smallest face distance from the shot's stored face
/// descriptor to each reference face the same engine described), for the gallery's side-by-side view, and the shot's
/// CLIP-I where a CLIP model is installed. The face part is computed from what is stored, so it works for every scored
/// shot without analysing an image again; CLIP-I embeds the shot and the references on the first compare and keeps the
/// embeddings in memory (<see cref="ClipImageEmbeddings"/>).
/// </summary>
internal static class ShotComparison
{
    public static async Task<Ok<ShotComparisonResponse>> CompareAsync(
        Guid project, string character, Guid shot, CharacterCatalog characters, ShotRunner shots, ClipEngineSource clip, ClipImageEmbeddings embeddings,
        CancellationToken cancellationToken)
    {
        Character c = await characters.GetAsync(project, character, cancellationToken).ConfigureAwait(false);
        Shot found = await shots.GetAsync(c.Id, shot, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<ReferenceImage> references = await characters.ReferencesAsync(c.Id, cancellationToken).ConfigureAwait(false);
        var (closest, distance, unmeasured) = Closest(found.Scores, references);
        var (clipI, clipUnmeasured) = await ClipImageAsync(found, references, closest, clip.Engine, embeddings, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new ShotComparisonResponse(
            found.Id, closest is null ? null : ReferenceResponse.From(closest), distance, unmeasured, clipI, clipUnmeasured));
    }

    private static (ReferenceImage? Reference, double? Distance, string? Unmeasured) Closest(ShotScores scores, IReadOnlyList<ReferenceImage> references)
    {
        if (scores.FaceDescriptor is not { Count: > 0 } descriptor || scores.FaceAnalyzer is not { } analyzer)
        {
            return (null, null, scores.FaceDetected == false ? "No face was found in the shot." : "The shot's face was not measured.");
        }

        var measured = references
            .Where(r => r.Analysis is { FacesFound: > 0 } a && a.Analyzer == analyzer && a.Descriptor.Count > 0)
            .Select(r => (Reference: r, Distance: FaceDistance.Between(descriptor, r.Analysis!.Descriptor)))
            .OrderBy(m => m.Distance)
            .ToList();
        if (measured.Count == 0)
        {
            return (null, null, $"No reference face was described by {analyzer}.");
        }

        return (measured[0].Reference, measured[0].Distance, null);
    }

    // CLIP-I as a study measures it (the mean cosine to every reference), and the cosine to the reference shown beside the shot.
    private static async Task<(ShotClipIResponse? Score, string? Unmeasured)> ClipImageAsync(
        Shot shot, IReadOnlyList<ReferenceImage> references, ReferenceImage? shown, ClipEngine? model, ClipImageEmbeddings embeddings,
        CancellationToken cancellationToken)
    {
        if (model is null)
        {
            return (null, "No CLIP model is installed.");
        }

        if (shot.Assets.Count == 0)
        {
            return (null, "The shot has no image.");
        }

        float[] image = await embeddings.OfAsync(model, shot.Assets[0], cancellationToken).ConfigureAwait(false);
        var all = new List<float[]>(references.Count);
        foreach (ReferenceImage reference in references)
        {
            all.Add(await embeddings.OfAsync(model, reference.AssetSha256, cancellationToken).ConfigureAwait(false));
        }

        if (ClipMetrics.MeanCosine(image, all) is not { } mean)
        {
            return (null, "The character has no references.");
        }

        double? toShown = null;
        if (shown is not null)
        {
            // Already embedded above: the cache answers.
            float[] reference = await embeddings.OfAsync(model, shown.AssetSha256, cancellationToken).ConfigureAwait(false);
            toShown = ClipMetrics.Cosine(image, reference);
        }

        return (new ShotClipIResponse(model.Name, mean, toShown, all.Count), null);
    }
}

/// <summary>A shot beside its closest reference.</summary>
/// <param name="ShotId">The shot.</param>
/// <param name="Reference">The reference whose face is closest to the shot's; null when none can be measured.</param>
/// <param name="FaceDistance">The face distance between the two (lower is closer).</param>
/// <param name="Unmeasured">Why there is no closest reference; null when there is one.</param>
/// <param name="ClipI">The shot's CLIP-I against the character's references; null when not measured.</param>
/// <param name="ClipIUnmeasured">Why CLIP-I is not measured (no CLIP model installed); null when it is.</param>
public sealed record ShotComparisonResponse(
    Guid ShotId, ReferenceResponse? Reference, double? FaceDistance, string? Unmeasured, ShotClipIResponse? ClipI, string? ClipIUnmeasured);

/// <summary>
/// CLIP-I: cosines of the shot's CLIP image embedding to the references' (higher looks more alike). It measures overall
/// image likeness (background, pose, colour and layout count), not identity; the face distance measures identity.
/// </summary>
/// <param name="Model">Which CLIP model; scores of different models are never compared.</param>
/// <param name="Mean">The mean cosine over all the character's references, as a study's CLIP-I.</param>
/// <param name="ToReference">The cosine to the closest reference shown beside the shot; null when none is shown.</param>
/// <param name="References">How many references the mean is over.</param>
public sealed record ShotClipIResponse(string Model, double Mean, double? ToReference, int References);
