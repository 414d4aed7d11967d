using Likeness.Core.Identity;
using Likeness.Core.Routing;
using Likeness.Workspace.Identity.Validation;
using Likeness.Workspace.Routing;

namespace Likeness.Server.Routing;

/// <summary>Set (or replace) a character's route.</summary>
/// <param name="Policy">fixed (always the first entry), fallback (the next entry serves when a provider is out) or auto (fallback, and trains when that is cheaper per kept shot).</param>
/// <param name="Via">The entries, first choice first (1 to 8).</param>
/// <param name="AllowTrain">With auto: start the training the route decides on, rather than only propose it (default false).</param>
public sealed record SetRouteRequest(string? Policy, IReadOnlyList<RouteEntryRequest>? Via, bool? AllowTrain);

/// <summary>One entry of a route to set.</summary>
/// <param name="Provider">A provider: its identity in use serves. May be left out when <paramref name="Identity"/> is given.</param>
/// <param name="Identity">An identity model of the character, pinned (it serves whatever the version in use).</param>
public sealed record RouteEntryRequest(string? Provider, Guid? Identity);

/// <summary>A character's route as the API shows it.</summary>
/// <param name="Policy">fixed, fallback or auto.</param>
/// <param name="AllowTrain">Whether an auto route starts the training it decides on.</param>
/// <param name="Entries">The entries, first choice first, each with the identity it uses now.</param>
/// <param name="Proposal">The auto policy's last decision after shots, in words; null before any.</param>
/// <param name="Decision">For an auto route: what it would decide now, with its numbers; null for fixed and fallback.</param>
/// <param name="UpdatedAt">When the route last changed.</param>
public sealed record RouteResponse(string Policy, bool AllowTrain, RouteEntryResponse[] Entries, string? Proposal, RouteDecisionResponse? Decision, DateTimeOffset UpdatedAt)
{
    internal static RouteResponse From(CharacterRoute route, IReadOnlyList<RouteEntryInUse> entries, AutoStep? now) => new(
        route.Policy.ToString().ToLowerInvariant(), route.AllowTrain, [.. entries.Select(RouteEntryResponse.From)], route.Proposal,
        now is null ? null : new RouteDecisionResponse(now.Proposal, now.Decision?.Train, now.Decision?.BreakEvenKeptShots, now.Decision?.ProjectedKeptShots),
        route.UpdatedAt);
}

/// <summary>One entry of a route.</summary>
/// <param name="Entry">Its 1-based place.</param>
/// <param name="Provider">Its provider.</param>
/// <param name="Pinned">The identity pinned there; null when the provider's version in use serves.</param>
/// <param name="Identity">The identity that serves there now; null when none is ready yet (a provider that needs no training makes one at the first shot).</param>
public sealed record RouteEntryResponse(int Entry, string Provider, Guid? Pinned, RouteIdentityResponse? Identity)
{
    internal static RouteEntryResponse From(RouteEntryInUse e) => new(
        e.Entry, e.Route.Provider, e.Route.IdentityModelId, e.InUse is { } m ? RouteIdentityResponse.From(m) : null);
}

/// <summary>The identity a route entry uses.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Version">Its version at the provider.</param>
/// <param name="Kind">reference, trained or elements.</param>
/// <param name="Status">ready, training, failed or archived.</param>
/// <param name="Validation">validated or below-threshold once validated; null before.</param>
public sealed record RouteIdentityResponse(Guid Id, int Version, string Kind, string Status, string? Validation)
{
    internal static RouteIdentityResponse From(IdentityModel m) => new(
        m.Id, m.Version, m.Kind.ToString().ToLowerInvariant(), m.Status.ToString().ToLowerInvariant(),
        m.Validation is { } v ? IdentityValidationText.Outcome(v.Outcome) : null);
}

/// <summary>What an auto route would decide now (nothing is started by reading it).</summary>
/// <param name="Summary">The decision in words (train, stay, or why it cannot tell yet).</param>
/// <param name="Train">Whether training is cheaper per kept shot now; null when there was nothing to decide.</param>
/// <param name="BreakEvenKeptShots">Kept shots over 30 days after which training pays for itself; null when it never does or is not measured.</param>
/// <param name="ProjectedKeptShots">Kept shots expected over 30 days at the measured rate; null when not measured.</param>
public sealed record RouteDecisionResponse(string Summary, bool? Train, double? BreakEvenKeptShots, double? ProjectedKeptShots);
