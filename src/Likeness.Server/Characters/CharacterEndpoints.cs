using Likeness.Workspace.Characters;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Likeness.Server.Characters;

/// <summary>The <c>/api/characters</c> routes.</summary>
internal static class CharacterEndpoints
{
    public static IEndpointRouteBuilder MapCharacters(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder group = app.MapGroup("/api/characters").WithTags("Characters");
        group.MapGet("/", ListAsync).WithName("ListCharacters");
        group.MapGet("/{idOrName}", GetAsync).WithName("GetCharacter");
        return app;
    }

    private static async Task<Ok<CharacterResponse[]>> ListAsync(CharacterCatalog characters, CancellationToken cancellationToken) =>
        TypedResults.Ok((await characters.ListAsync(cancellationToken).ConfigureAwait(false)).Select(CharacterResponse.From).ToArray());

    // Not found is thrown as the domain's NotFoundException and becomes a 404 problem in one place.
    private static async Task<Ok<CharacterResponse>> GetAsync(string idOrName, CharacterCatalog characters, CancellationToken cancellationToken) =>
        TypedResults.Ok(CharacterResponse.From(await characters.GetAsync(idOrName, cancellationToken).ConfigureAwait(false)));
}
