using Likeness.Core;
using Likeness.Core.Characters;
using Likeness.Core.Routing;
using Likeness.Server.Auth;
using Likeness.Server.Problems;
using Likeness.Workspace.Characters;
using Likeness.Workspace.Identity;
using Likeness.Workspace.Routing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Likeness.Server.Routing;

/// <summary>
/// <c>/api/projects/{project}/characters/{character}/route</c>: the character's route (the ordered identities its shots
/// are made with when no provider is named, and the policy: fixed, fallback or auto), with the identity each entry uses
/// now and, for an auto route, what it would decide now (the break-even against the projected kept shots). Viewers read
/// it; artists set it. The same <see cref="RouteBook"/> as the CLI's <c>character route</c>.
/// </summary>
internal static class RouteEndpoints
{
    public static RouteGroupBuilder MapRoutes(this RouteGroupBuilder project)
    {
        RouteGroupBuilder group = project.MapGroup("/characters/{character}/route").WithTags("Routes");
        group.MapGet("/", GetAsync).WithName("GetRoute");
        group.MapPut("/", SetAsync).WithName("SetRoute").RequireAuthorization(Policies.Artist);
        return project;
    }

    // 204 when the character has no route: "none" is an answer, not a missing resource.
    private static async Task<Results<Ok<RouteResponse>, NoContent>> GetAsync(
        Guid project, string character, CharacterCatalog characters, RouteBook routes, AutoRouter auto, CancellationToken cancellationToken)
    {
        Character c = await characters.GetAsync(project, character, cancellationToken).ConfigureAwait(false);
        return await routes.FindAsync(c.Id, cancellationToken).ConfigureAwait(false) is { } route
            ? TypedResults.Ok(await ViewAsync(c, route, routes, auto, cancellationToken).ConfigureAwait(false))
            : TypedResults.NoContent();
    }

    private static async Task<Ok<RouteResponse>> SetAsync(
        Guid project, string character, SetRouteRequest request, CharacterCatalog characters, IdentityManager identities, RouteBook routes, AutoRouter auto,
        CancellationToken cancellationToken)
    {
        RoutePolicy policy = PolicyOf(request.Policy);
        if (request.Via is not { Count: > 0 and <= CharacterRoute.MaxEntries } via)
        {
            throw new InvalidInputException($"'via' names 1 to {CharacterRoute.MaxEntries} entries, first choice first.", "via");
        }

        Character c = await characters.GetAsync(project, character, cancellationToken).ConfigureAwait(false);
        var entries = new List<RouteEntry>();
        foreach (RouteEntryRequest item in via)
        {
            if (item is null)
            {
                throw new InvalidInputException("Each entry of 'via' names a provider or an identity.", "via");
            }

            // A pinned identity is looked up within this character, so another character's id is not found.
            entries.Add(item.Identity is { } id
                ? new RouteEntry(item.Provider ?? (await identities.GetAsync(c.Id, id, cancellationToken).ConfigureAwait(false)).Provider, id)
                : new RouteEntry(Require.Text(item.Provider, "via", 100)));
        }

        CharacterRoute route = await routes.SetAsync(c, policy, entries, request.AllowTrain ?? false, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(await ViewAsync(c, route, routes, auto, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<RouteResponse> ViewAsync(Character c, CharacterRoute route, RouteBook routes, AutoRouter auto, CancellationToken cancellationToken)
    {
        IReadOnlyList<RouteEntryInUse> entries = await routes.EntriesAsync(c, route, cancellationToken).ConfigureAwait(false);
        AutoStep? now = await auto.PreviewAsync(c, cancellationToken).ConfigureAwait(false);
        return RouteResponse.From(route, entries, now);
    }

    private static RoutePolicy PolicyOf(string? policy) =>
        Enum.TryParse(policy, ignoreCase: true, out RoutePolicy parsed) && Enum.IsDefined(parsed) && !int.TryParse(policy, out _)
            ? parsed
            : throw new InvalidInputException("'policy' is one of fixed, fallback, auto.", "policy");
}
