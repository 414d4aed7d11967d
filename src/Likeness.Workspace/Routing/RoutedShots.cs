using Likeness.Core.Characters;
using Likeness.Core.Providers;
using Likeness.Core.Routing;
using Likeness.Core.Shots;
using Likeness.Workspace.Credits;
using Likeness.Workspace.Persistence;
using Likeness.Workspace.Shots;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Likeness.Workspace.Routing;

/// <summary>
/// Makes one shot through a route: the first entry, and with a fallback or auto policy the next one whenever the call
/// failed with a definite refusal (<see cref="FallbackRule"/>: the provider's circuit open, or a 5xx, 429 or
/// unreachable provider before any paid submission reached it). Each attempt is an ordinary paid shot
/// (<see cref="ShotRunner"/>): a refused one is failed and refunded, so a kept shot is charged once. The shot that
/// answers records which entry made it and why the earlier ones were skipped.
/// </summary>
public sealed partial class RoutedShots(IDbContextFactory<LikenessDbContext> database, ShotRunner shots, ILogger<RoutedShots> log)
{
    private readonly ILogger _log = log;

    /// <summary>
    /// Makes (or serves from the cache) one shot of <paramref name="character"/> through <paramref name="route"/>, each
    /// entry with the request <paramref name="request"/> gives for it.
    /// </summary>
    public async Task<ShotOutcome> GenerateAsync(
        Character character, ShotRoute route, Func<RoutedIdentity, ShotRequest> request, bool useCache = true, Payer? payer = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(character);
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(request);
        IReadOnlyList<RoutedIdentity> serving = route.Serving;
        var skipped = new List<SkippedEntry>(route.Unready);
        for (int i = 0; ; i++)
        {
            RoutedIdentity entry = serving[i];
            // Begun here, so the provider's transport marks this call's watch and no other.
            SubmissionWatch watch = SubmissionWatch.Begin();
            ShotOutcome outcome = await shots.GenerateAsync(character, entry.Identity, request(entry), useCache, payer, cancellationToken: cancellationToken).ConfigureAwait(false);
            string? reason = outcome.Failure is { } failure ? FallbackRule.SkipReason(failure, watch.Reached) : null;
            if (reason is null || i == serving.Count - 1)
            {
                return await RecordAsync(outcome, new ShotRouting(route.Policy, entry.Entry, entry.Identity.Provider, skipped), route).ConfigureAwait(false);
            }

            FellThrough(_log, entry.Entry, entry.Identity.Provider, reason, serving[i + 1].Identity.Provider);
            skipped.Add(new SkippedEntry(entry.Entry, entry.Identity.Provider, reason, outcome.Shot.Id));
        }
    }

    /// <summary>Records the routing on a shot made now (a cached shot keeps what it recorded when it was made).</summary>
    private async Task<ShotOutcome> RecordAsync(ShotOutcome outcome, ShotRouting routing, ShotRoute route)
    {
        if (!route.Stored || outcome.FromCache)
        {
            return outcome;
        }

        Shot shot = outcome.Shot;
        shot.SetRouting(routing);
        await using LikenessDbContext db = database.CreateDbContext();
        db.Shots.Attach(shot);
        db.Entry(shot).Property(s => s.Routing).IsModified = true;
        // Saved even when the caller gives up now: the shot was made and paid.
        await db.SaveChangesAsync(CancellationToken.None).ConfigureAwait(false);
        return outcome;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Route entry {Entry} ({Provider}) refused the shot ({Reason}); falling through to {Next}")]
    private static partial void FellThrough(ILogger logger, int entry, string provider, string reason, string next);
}
