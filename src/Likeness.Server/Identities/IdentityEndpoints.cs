using Likeness.Core.Characters;
using Likeness.Core.Identity;
using Likeness.Server.Auth;
using Likeness.Server.Problems;
using Likeness.Workspace.Characters;
using Likeness.Workspace.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Likeness.Server.Identities;

/// <summary>
/// <c>/api/projects/{project}/characters/{character}/identities</c>: a character's identity versions with their
/// validation reports and which one is in use at each provider, for viewers; artists choose the version in use, roll
/// back to the one before it, or archive one (<see cref="IdentityVersions"/>, as the CLI's <c>identity
/// use|rollback|archive</c>). Each change answers the character's versions as they are now.
/// (Creating one is a background job: <c>POST /api/projects/{project}/identities</c>, in <see cref="Jobs.Api.JobEndpoints"/>.)
/// </summary>
internal static class IdentityEndpoints
{
    public static RouteGroupBuilder MapIdentities(this RouteGroupBuilder project)
    {
        RouteGroupBuilder group = project.MapGroup("/characters/{character}/identities").WithTags("Identities");
        group.MapGet("/", ListAsync).WithName("ListIdentities");
        group.MapGet("/{identity:guid}", GetAsync).WithName("GetIdentity");
        group.MapPut("/{identity:guid}/in-use", ChooseAsync).WithName("UseIdentity").RequireAuthorization(Policies.Artist);
        group.MapPost("/rollback", RollBackAsync).WithName("RollBackIdentity").RequireAuthorization(Policies.Artist);
        group.MapPost("/{identity:guid}/archive", ArchiveAsync).WithName("ArchiveIdentity").RequireAuthorization(Policies.Artist);
        return project;
    }

    private static async Task<Ok<IdentityResponse[]>> ListAsync(Guid project, string character, CharacterCatalog characters, IdentityManager identities, CancellationToken cancellationToken)
    {
        Character c = await characters.GetAsync(project, character, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(await VersionsAsync(c, identities, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<Ok<IdentityResponse>> GetAsync(
        Guid project, string character, Guid identity, CharacterCatalog characters, IdentityManager identities, CancellationToken cancellationToken)
    {
        Character c = await characters.GetAsync(project, character, cancellationToken).ConfigureAwait(false);
        IdentityModel model = await identities.GetAsync(c.Id, identity, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok((await VersionsAsync(c, identities, cancellationToken).ConfigureAwait(false)).Single(m => m.Id == model.Id));
    }

    private static async Task<Ok<IdentityResponse[]>> ChooseAsync(
        Guid project, string character, Guid identity, CharacterCatalog characters, IdentityManager identities, IdentityVersions versions, CancellationToken cancellationToken)
    {
        Character c = await characters.GetAsync(project, character, cancellationToken).ConfigureAwait(false);
        await versions.ChooseAsync(c.Id, identity, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(await VersionsAsync(c, identities, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<Ok<IdentityResponse[]>> RollBackAsync(
        Guid project, string character, RollBackIdentityRequest request, CharacterCatalog characters, IdentityManager identities, IdentityVersions versions,
        CancellationToken cancellationToken)
    {
        string provider = Require.Text(request.Provider, "provider", 100);
        Character c = await characters.GetAsync(project, character, cancellationToken).ConfigureAwait(false);
        await versions.RollBackAsync(c.Id, provider, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(await VersionsAsync(c, identities, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<Ok<IdentityResponse[]>> ArchiveAsync(
        Guid project, string character, Guid identity, CharacterCatalog characters, IdentityManager identities, IdentityVersions versions, CancellationToken cancellationToken)
    {
        Character c = await characters.GetAsync(project, character, cancellationToken).ConfigureAwait(false);
        await versions.ArchiveAsync(c.Id, identity, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(await VersionsAsync(c, identities, cancellationToken).ConfigureAwait(false));
    }

    // Newest first, each marked whether it is the one in use at its provider.
    private static async Task<IdentityResponse[]> VersionsAsync(Character c, IdentityManager identities, CancellationToken cancellationToken)
    {
        IReadOnlyList<IdentityModel> models = await identities.ListAsync(c.Id, cancellationToken).ConfigureAwait(false);
        var inUse = models.GroupBy(m => m.Provider, StringComparer.OrdinalIgnoreCase)
            .Select(g => VersionChoice.InUse(g)?.Id).OfType<Guid>().ToHashSet();
        return [.. models.Select(m => IdentityResponse.From(m, inUse.Contains(m.Id)))];
    }
}

/// <summary>Roll the version in use at a provider back to the ready version before it.</summary>
/// <param name="Provider">The provider.</param>
public sealed record RollBackIdentityRequest(string? Provider);
