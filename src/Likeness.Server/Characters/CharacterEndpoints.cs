using Likeness.Core;
using Likeness.Core.Characters;
using Likeness.Server.Auth;
using Likeness.Server.Problems;
using Likeness.Workspace.Characters;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Likeness.Server.Characters;

/// <summary>
/// <c>/api/projects/{project}/characters</c>: viewers list and read; artists create, rename and set profiles. A
/// character is named by id or name, and only within the route's project.
/// </summary>
internal static class CharacterEndpoints
{
    public static RouteGroupBuilder MapCharacters(this RouteGroupBuilder project)
    {
        RouteGroupBuilder group = project.MapGroup("/characters").WithTags("Characters");
        group.MapGet("/", ListAsync).WithName("ListCharacters");
        group.MapGet("/{character}", GetAsync).WithName("GetCharacter");
        group.MapPost("/", CreateAsync).WithName("CreateCharacter").RequireAuthorization(Policies.Artist);
        group.MapPut("/{character}/name", RenameAsync).WithName("RenameCharacter").RequireAuthorization(Policies.Artist);
        group.MapPut("/{character}/profile", SetProfileAsync).WithName("SetCharacterProfile").RequireAuthorization(Policies.Artist);
        return project;
    }

    private static async Task<Ok<CharacterResponse[]>> ListAsync(Guid project, CharacterCatalog characters, CancellationToken cancellationToken) =>
        TypedResults.Ok((await characters.ListAsync(project, cancellationToken).ConfigureAwait(false)).Select(CharacterResponse.From).ToArray());

    // Not found is thrown as the domain's NotFoundException and becomes a 404 problem in one place.
    private static async Task<Ok<CharacterResponse>> GetAsync(Guid project, string character, CharacterCatalog characters, CancellationToken cancellationToken) =>
        TypedResults.Ok(CharacterResponse.From(await characters.GetAsync(project, character, cancellationToken).ConfigureAwait(false)));

    private static async Task<Created<CharacterResponse>> CreateAsync(Guid project, CreateCharacterRequest request, CharacterCatalog characters, CancellationToken cancellationToken)
    {
        if (request.TriggerToken is { } token)
        {
            // The domain names the CLI's option; the API's field is triggerToken.
            try
            {
                TriggerToken.Validate(token);
            }
            catch (InvalidInputException e)
            {
                throw new InvalidInputException(e.Message, "triggerToken");
            }
        }

        Character made = await characters.CreateAsync(
            project, Require.Text(request.Name, "name", Character.MaxNameLength), request.Description, request.Profile, request.TriggerToken, cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/api/projects/{project}/characters/{made.Id}", CharacterResponse.From(made));
    }

    private static async Task<Ok<CharacterResponse>> RenameAsync(Guid project, string character, RenameCharacterRequest request, CharacterCatalog characters, CancellationToken cancellationToken) =>
        TypedResults.Ok(CharacterResponse.From(await characters.RenameAsync(
            project, character, Require.Text(request.Name, "name", Character.MaxNameLength), cancellationToken).ConfigureAwait(false)));

    private static async Task<Ok<CharacterResponse>> SetProfileAsync(Guid project, string character, CharacterProfile profile, CharacterCatalog characters, CancellationToken cancellationToken) =>
        TypedResults.Ok(CharacterResponse.From(await characters.UpdateProfileAsync(project, character, profile, cancellationToken).ConfigureAwait(false)));
}
