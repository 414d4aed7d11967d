using Likeness.Core.Identity;
using Likeness.Core.Routing;
using Likeness.Core.Shots;

namespace Likeness.Workspace.Routing;

/// <summary>One route entry resolved for a shot: its 1-based place, the identity that serves it and the request built for that identity.</summary>
/// <param name="Entry">The 1-based entry in the character's route.</param>
/// <param name="Identity">The identity in use there (or the pinned one).</param>
/// <param name="Shot">The request in the dialect that identity needs.</param>
public sealed record RoutedIdentity(int Entry, IdentityModel Identity, ShotRequest Shot);

/// <summary>
/// A character's route resolved for one shot (<see cref="RouteBook.PlanAsync"/>): the entries that can serve, in order,
/// and those that cannot (no ready identity there), which every routed shot records as skipped.
/// </summary>
/// <param name="Policy">The route's policy.</param>
/// <param name="Entries">The entries that can serve, first choice first.</param>
/// <param name="Unready">Entries without a usable identity now.</param>
public sealed record ShotRoute(RoutePolicy Policy, IReadOnlyList<RoutedIdentity> Entries, IReadOnlyList<SkippedEntry> Unready)
{
    /// <summary>False for a plain shot at one identity (no stored route): nothing is recorded on the shot.</summary>
    public bool Stored { get; init; } = true;

    /// <summary>The entries a shot may be made with: the first only for a fixed route, else all in order.</summary>
    public IReadOnlyList<RoutedIdentity> Serving => Policy == RoutePolicy.Fixed ? [Entries[0]] : Entries;

    /// <summary>One identity and its request, no route.</summary>
    public static ShotRoute Direct(IdentityModel identity, ShotRequest shot)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(shot);
        return new(RoutePolicy.Fixed, [new RoutedIdentity(1, identity, shot)], []) { Stored = false };
    }
}
