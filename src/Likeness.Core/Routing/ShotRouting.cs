namespace Likeness.Core.Routing;

/// <summary>
/// What a route did for one shot, recorded on it: the policy, the entry that made it (1-based) and every earlier
/// entry skipped with why.
/// </summary>
/// <param name="Policy">The route's policy.</param>
/// <param name="Entry">The 1-based entry that made the shot.</param>
/// <param name="Provider">That entry's provider.</param>
/// <param name="Skipped">Earlier entries that did not serve, in order.</param>
public sealed record ShotRouting(RoutePolicy Policy, int Entry, string Provider, IReadOnlyList<SkippedEntry> Skipped);

/// <summary>An entry a routed shot fell through.</summary>
/// <param name="Entry">The 1-based entry.</param>
/// <param name="Provider">Its provider.</param>
/// <param name="Reason">The definite refusal that made it fall through (nothing was paid there).</param>
/// <param name="ShotId">The failed (refunded) shot the attempt left there.</param>
public sealed record SkippedEntry(int Entry, string Provider, string Reason, Guid? ShotId);
