using Likeness.Core.Characters;
using Likeness.Core.Identity;
using Likeness.Workspace.Characters;
using Likeness.Workspace.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Likeness.Server.Identities;

/// <summary>
/// <c>/api/projects/{project}/characters/{character}/identities</c>: a character's identity models, for viewers.
/// (Creating one is a background job: <c>POST /api/projects/{project}/identities</c>, in <see cref="Jobs.Api.JobEndpoints"/>.)
/// </summary>
internal static class IdentityEndpoints
{
    public static RouteGroupBuilder MapIdentities(this RouteGroupBuilder project)
    {
        RouteGroupBuilder group = project.MapGroup("/characters/{character}/identities").WithTags("Identities");
        group.MapGet("/", ListAsync).WithName("ListIdentities");
        group.MapGet("/{identity:guid}", GetAsync).WithName("GetIdentity");
        return project;
    }

    private static async Task<Ok<IdentityResponse[]>> ListAsync(Guid project, string character, CharacterCatalog characters, IdentityManager identities, CancellationToken cancellationToken)
    {
        Character c = await characters.GetAsync(project, character, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok((await identities.ListAsync(c.Id, cancellationToken).ConfigureAwait(false)).Select(IdentityResponse.From).ToArray());
    }

    private static async Task<Ok<IdentityResponse>> GetAsync(
        Guid project, string character, Guid identity, CharacterCatalog characters, IdentityManager identities, CancellationToken cancellationToken)
    {
        Character c = await characters.GetAsync(project, character, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(IdentityResponse.From(await identities.GetAsync(c.Id, identity, cancellationToken).ConfigureAwait(false)));
    }
}

/// <summary>An identity model as the API shows it (artifacts by name and kind; the weights are not served here).</summary>
/// <param name="Id">Its id.</param>
/// <param name="Kind">reference, trained or elements.</param>
/// <param name="Provider">Where it lives.</param>
/// <param name="Status">training, ready, failed or archived.</param>
/// <param name="Version">Its version at the provider for the character.</param>
/// <param name="ParentId">The version it was retrained from (each retrain attempt names the one before it).</param>
/// <param name="ReferenceIds">The references it was made from.</param>
/// <param name="TrainingParameters">The training parameters recorded.</param>
/// <param name="CostUsd">What it cost.</param>
/// <param name="FailureReason">Why it failed.</param>
/// <param name="CreatedAt">When it was started.</param>
/// <param name="CompletedAt">When it finished.</param>
/// <param name="Validation">Its post-training validation report (outcome, pass rate and interval, cost), when validated.</param>
public sealed record IdentityResponse(
    Guid Id, string Kind, string Provider, string Status, int Version, Guid? ParentId, IReadOnlyList<Guid> ReferenceIds,
    IReadOnlyDictionary<string, string> TrainingParameters, decimal CostUsd, string? FailureReason, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt,
    IdentityValidation? Validation)
{
    internal static IdentityResponse From(IdentityModel m) => new(
        m.Id, m.Kind.ToString().ToLowerInvariant(), m.Provider, m.Status.ToString().ToLowerInvariant(), m.Version, m.ParentId, m.ReferenceIds,
        m.TrainingParameters, m.CostUsd, m.FailureReason, m.CreatedAt, m.CompletedAt, m.Validation);
}
