using Likeness.Core.Characters;
using Likeness.Core.Costs;
using Likeness.Core.Routing;
using Likeness.Core.Scenarios;
using Likeness.Core.Shots;
using Likeness.Providers.Fal;
using Likeness.Providers.Http;
using Likeness.Testing;
using Likeness.Testing.Emulators.Fal;
using Likeness.Workspace.Persistence;
using Likeness.Workspace.Routing;
using Likeness.Workspace.Shots;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Likeness.Workspace.Tests.Routing;

/// <summary>
/// A fallback route from fal (the emulator) to the sim on a manual clock: while fal answers 503s, the sim serves; the
/// breaker opens and fal is no longer called; after the break one probe goes through; nothing is paid twice.
/// </summary>
public sealed class RouteFallbackTests
{
    private static readonly TimeSpan Break = TimeSpan.FromSeconds(30);

    private sealed record Bed(CastWorkspace Cast, FalEmulator Fal, ManualTime Time, CharacterRoute Route) : IAsyncDisposable
    {
        public Character Obama => Cast.Obama;

        public async Task<ShotOutcome> ShotAsync(long seed)
        {
            IServiceProvider services = Cast.Workspace.Services;
            ShotPlanner planner = services.GetRequiredService<ShotPlanner>();
            ShotRoute plan = await services.GetRequiredService<RouteBook>().PlanAsync(
                Obama, Route, id => planner.Request(Obama, id, id.Provider, id.Kind, null, StandardScenarios.Get("close-up-portrait"), null, seed));
            return await services.GetRequiredService<RoutedShots>().GenerateAsync(Obama, plan, e => e.Shot);
        }

        public async ValueTask DisposeAsync()
        {
            await Cast.DisposeAsync();
            await Fal.DisposeAsync();
        }
    }

    private static async Task<Bed> StartAsync()
    {
        var time = new ManualTime();
        FalEmulator fal = await FalEmulator.StartAsync(new FalEmulatorOptions { QueueDelay = TimeSpan.FromMilliseconds(10), RunDuration = TimeSpan.FromMilliseconds(10) });
        var client = new FalClientOptions
        {
            Key = fal.Key, QueueUri = fal.QueueUri, SyncUri = fal.SyncUri, RestUri = fal.RestUri, JwksUri = fal.JwksUri,
            PollInterval = TimeSpan.FromMilliseconds(20),
            Http = new HttpPipelineOptions
            {
                AttemptTimeout = TimeSpan.FromSeconds(10),
                Retry = new RetryOptions { MaxRetries = 0 },
                Breaker = new BreakerOptions { MinimumThroughput = 2, FailureRatio = 0.5, BreakDuration = Break },
            },
        };
        CastWorkspace cast = await CastWorkspace.CreateAsync(DatabaseKind.Sqlite, time: time, fal: client);
        CharacterRoute route = await cast.Workspace.Services.GetRequiredService<RouteBook>()
            .SetAsync(cast.Obama, RoutePolicy.Fallback, [new RouteEntry("fal-instant"), new RouteEntry("sim-instant")], allowTrain: false);
        return new Bed(cast, fal, time, route);
    }

    [Fact]
    public async Task While_fal_answers_503s_the_sim_serves_the_breaker_opens_then_half_opens_and_each_kept_shot_is_charged_once()
    {
        await using Bed bed = await StartAsync();
        bed.Fal.Faults.Inject(FalFault.ServiceUnavailable503, 3, "storage/");

        // Two 503s from fal before it accepts anything: each shot falls through to the sim; the second opens the circuit.
        foreach (long seed in new long[] { 1, 2 })
        {
            Shot served = (await bed.ShotAsync(seed)).Shot;
            AssertServedBySim(served, "HTTP 503 before acceptance");
        }

        Assert.Equal(2, bed.Fal.Faults.Taken);

        // Open: fal is not called at all.
        AssertServedBySim((await bed.ShotAsync(3)).Shot, "circuit open");
        Assert.Equal(2, bed.Fal.Faults.Taken);

        // After the break one probe reaches fal; it fails, so the circuit opens again and the next shot skips fal.
        bed.Time.Advance(Break + TimeSpan.FromSeconds(1));
        AssertServedBySim((await bed.ShotAsync(4)).Shot, "HTTP 503 before acceptance");
        Assert.Equal(3, bed.Fal.Faults.Taken);
        AssertServedBySim((await bed.ShotAsync(5)).Shot, "circuit open");
        Assert.Equal(3, bed.Fal.Faults.Taken);

        // The next probe succeeds: fal serves again, as the route's first entry, and the circuit is closed.
        bed.Time.Advance(Break + TimeSpan.FromSeconds(1));
        foreach (long seed in new long[] { 6, 7 })
        {
            Shot byFal = (await bed.ShotAsync(seed)).Shot;
            Assert.Equal(ShotStatus.Succeeded, byFal.Status);
            Assert.Equal("fal-instant", byFal.Provider);
            Assert.Equal(1, byFal.Routing!.Entry);
            Assert.Empty(byFal.Routing.Skipped);
        }

        Assert.Equal(2, bed.Fal.Submissions(FalApps.InstantCharacter));

        // The books: each of the 7 shots made is charged exactly once; the 5 refused attempts at fal are refunded.
        IReadOnlyList<Shot> shots = await bed.Cast.Workspace.Shots.ListAsync(bed.Obama.Id);
        Assert.Equal(7, shots.Count(s => s.Status == ShotStatus.Succeeded));
        Assert.Equal(5, shots.Count(s => s.Status == ShotStatus.Failed && s.Provider == "fal-instant"));
        await using LikenessDbContext db = await bed.Cast.Workspace.Services.GetRequiredService<IDbContextFactory<LikenessDbContext>>().CreateDbContextAsync();
        List<LedgerEntry> ledger = await db.Ledger.AsNoTracking().ToListAsync();
        // Shot lines only (an instant identity made on the way has lines of its own).
        var shotIds = shots.Select(s => s.Id).ToHashSet();
        var subjectOf = ledger.Where(e => e.Kind == LedgerEntryKind.Reserve && e.SubjectId is { } id && shotIds.Contains(id)).ToDictionary(e => e.ReservationId, e => e.SubjectId!.Value);
        var charges = ledger.Where(e => e.Kind == LedgerEntryKind.Commit && subjectOf.ContainsKey(e.ReservationId))
            .GroupBy(e => subjectOf[e.ReservationId]).ToDictionary(g => g.Key, g => g.ToList());
        foreach (Shot shot in shots)
        {
            Assert.Equal(shot.Status == ShotStatus.Succeeded ? 1 : 0, charges.GetValueOrDefault(shot.Id)?.Count ?? 0);
        }

        Assert.Equal(shots.Where(s => s.Status == ShotStatus.Succeeded).Sum(s => s.CostUsd), charges.Values.SelectMany(c => c).Sum(e => e.AmountUsd));
        Assert.Equal(5, ledger.Count(e => e.Kind == LedgerEntryKind.Refund && subjectOf.ContainsKey(e.ReservationId)));
    }

    [Fact]
    public async Task A_submission_fal_may_have_taken_is_never_sent_to_the_next_entry()
    {
        await using Bed bed = await StartAsync();
        bed.Fal.Faults.Inject(FalFault.ProcessThenDrop503, 1, FalApps.InstantCharacter);

        ShotOutcome outcome = await bed.ShotAsync(1);

        Assert.Equal(ShotStatus.Failed, outcome.Shot.Status);
        Assert.Equal("fal-instant", outcome.Shot.Provider);
        Assert.True(outcome.Failure!.OutcomeUnknown);
        Assert.Equal(1, outcome.Shot.Routing!.Entry);
        Assert.Equal(1, bed.Fal.Submissions(FalApps.InstantCharacter));
        Assert.DoesNotContain(await bed.Cast.Workspace.Shots.ListAsync(bed.Obama.Id), s => s.Provider == "sim-instant");
    }

    private static void AssertServedBySim(Shot shot, string reason)
    {
        Assert.Equal(ShotStatus.Succeeded, shot.Status);
        Assert.Equal("sim-instant", shot.Provider);
        ShotRouting routing = shot.Routing!;
        Assert.Equal(2, routing.Entry);
        SkippedEntry skipped = Assert.Single(routing.Skipped);
        Assert.Equal(("fal-instant", 1), (skipped.Provider, skipped.Entry));
        Assert.StartsWith(reason, skipped.Reason);
        Assert.NotNull(skipped.ShotId);
    }
}
