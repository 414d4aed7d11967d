using Likeness.Core;
using Likeness.Core.Characters;
using Likeness.Core.Identity;
using Likeness.Core.Providers;
using Likeness.Core.Routing;
using Likeness.Core.Shots;
using Likeness.Workspace.Identity;
using Likeness.Workspace.Persistence;
using Likeness.Workspace.Shots;
using Microsoft.EntityFrameworkCore;

namespace Likeness.Workspace.Routing;

/// <summary>
/// The characters' routes: set (replacing), read, and resolved for a shot into the identities that serve it
/// (<see cref="PlanAsync"/>). Every provider named must be known to the registry.
/// </summary>
public sealed class RouteBook(IDbContextFactory<LikenessDbContext> database, ProviderRegistry providers, ShotPlanner planner, IdentityManager identities, TimeProvider time)
{
    /// <summary>Sets <paramref name="character"/>'s route (a new one, or replacing the policy and entries of the one it has).</summary>
    public async Task<CharacterRoute> SetAsync(
        Character character, RoutePolicy policy, IReadOnlyList<RouteEntry> entries, bool allowTrain, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(character);
        ArgumentNullException.ThrowIfNull(entries);
        var named = new List<RouteEntry>();
        foreach (RouteEntry entry in entries)
        {
            // The registry's spelling, so the route matches the identities' provider names; an unknown name is not found.
            string provider = providers.Describe(entry.Provider.Trim()).Name;
            if (entry.IdentityModelId is { } id && !(await identities.GetAsync(character.Id, id, cancellationToken).ConfigureAwait(false)).Provider.Equals(provider, StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidInputException($"Identity model {id} is not at {provider}.", "via");
            }

            named.Add(entry with { Provider = provider });
        }

        await using LikenessDbContext db = database.CreateDbContext();
        CharacterRoute? route = await db.Routes.SingleOrDefaultAsync(r => r.CharacterId == character.Id, cancellationToken).ConfigureAwait(false);
        if (route is null)
        {
            route = CharacterRoute.Create(character.Id, policy, named, allowTrain, time);
            db.Routes.Add(route);
        }
        else
        {
            route.Set(policy, named, allowTrain, time);
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return route;
    }

    /// <summary><paramref name="characterId"/>'s route, or null when it has none.</summary>
    public async Task<CharacterRoute?> FindAsync(Guid characterId, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        return await db.Routes.AsNoTracking().SingleOrDefaultAsync(r => r.CharacterId == characterId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><paramref name="character"/>'s route, or a not-found error.</summary>
    public async Task<CharacterRoute> GetAsync(Character character, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(character);
        return await FindAsync(character.Id, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException(EntityKind.Route, character.Name, $"{character.Name} has no route.") { Character = character.Name };
    }

    /// <summary>
    /// Each entry of <paramref name="route"/> with the identity it names now: the pinned one, else the version in use at
    /// its provider (<see cref="IdentityManager.InUseAsync"/>), null where none is ready yet. What the CLI's
    /// <c>route show</c> and the server's route both show.
    /// </summary>
    public async Task<IReadOnlyList<RouteEntryInUse>> EntriesAsync(Character character, CharacterRoute route, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(character);
        ArgumentNullException.ThrowIfNull(route);
        var rows = new List<RouteEntryInUse>();
        for (int i = 0; i < route.Entries.Count; i++)
        {
            RouteEntry entry = route.Entries[i];
            IdentityModel? inUse = entry.IdentityModelId is { } id
                ? await identities.GetAsync(character.Id, id, cancellationToken).ConfigureAwait(false)
                : await identities.InUseAsync(character.Id, entry.Provider, cancellationToken).ConfigureAwait(false);
            rows.Add(new RouteEntryInUse(i + 1, entry, inUse));
        }

        return rows;
    }

    /// <summary>Saves a change the auto policy made to a route (its proposal, or a trained identity put first).</summary>
    public async Task SaveAsync(CharacterRoute route, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(route);
        await using LikenessDbContext db = database.CreateDbContext();
        db.Routes.Update(route);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Resolves <paramref name="route"/> for one shot: each entry's identity (the pinned one, else the version in use at
    /// its provider, made on the spot for a provider that needs no training) with the request <paramref name="request"/>
    /// builds for it. An entry without a ready identity is left out and listed as unready; a fixed route resolves its
    /// first entry only; an auto route serves with a trained identity only once it is validated, and then first. When no
    /// entry can serve, the first entry's error is thrown.
    /// </summary>
    public async Task<ShotRoute> PlanAsync(Character character, CharacterRoute route, Func<IdentityModel, ShotRequest> request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(character);
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(request);
        var serving = new List<RoutedIdentity>();
        var unready = new List<SkippedEntry>();
        LikenessException? first = null;
        int considered = route.Policy == RoutePolicy.Fixed ? 1 : route.Entries.Count;
        for (int i = 0; i < considered; i++)
        {
            RouteEntry entry = route.Entries[i];
            try
            {
                IdentityModel identity = await IdentityAsync(character, entry, cancellationToken).ConfigureAwait(false);
                if (route.Policy == RoutePolicy.Auto && identity.Kind == IdentityModelKind.Trained && identity.Validation?.Outcome != IdentityValidationOutcome.Validated)
                {
                    // The auto policy switches to a trained identity only once its validation passed.
                    unready.Add(new SkippedEntry(i + 1, entry.Provider, $"trained v{identity.Version} is not validated", null));
                    continue;
                }

                serving.Add(new RoutedIdentity(i + 1, identity, request(identity)));
            }
            catch (Exception ex) when (ex is NotFoundException or RuleViolationException)
            {
                first ??= (LikenessException)ex;
                unready.Add(new SkippedEntry(i + 1, entry.Provider, ex.Message, null));
            }
        }

        if (serving.Count == 0)
        {
            throw first ?? new RuleViolationException($"No entry of {character.Name}'s route can serve: {string.Join("; ", unready.Select(u => $"{u.Provider}: {u.Reason}"))}.")
            {
                Character = character.Name,
            };
        }

        // Auto: a validated trained identity serves first; the instant entries become its fallback.
        IReadOnlyList<RoutedIdentity> ordered = route.Policy == RoutePolicy.Auto
            ? [.. serving.OrderBy(e => e.Identity.Kind == IdentityModelKind.Trained ? 0 : 1)]
            : serving;
        return new ShotRoute(route.Policy, ordered, unready);
    }

    private async Task<IdentityModel> IdentityAsync(Character character, RouteEntry entry, CancellationToken cancellationToken)
    {
        if (entry.IdentityModelId is not { } id)
        {
            return await planner.IdentityForAsync(character, entry.Provider, cancellationToken).ConfigureAwait(false);
        }

        IdentityModel pinned = await identities.GetAsync(character.Id, id, cancellationToken).ConfigureAwait(false);
        return pinned.Status == IdentityModelStatus.Ready
            ? pinned
            : throw new RuleViolationException($"Identity model v{pinned.Version} at {pinned.Provider} is {pinned.Status.ToString().ToLowerInvariant()}, not ready.", DomainRules.IdentityNotReady);
    }
}
