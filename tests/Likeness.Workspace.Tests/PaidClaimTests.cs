using Likeness.Core.Costs;
using Likeness.Core.Identity;
using Likeness.Core.Shots;
using Likeness.Testing;
using Likeness.Workspace.Claims;
using Likeness.Workspace.Costs;
using Likeness.Workspace.Persistence;
using Likeness.Workspace.Reconciliation;
using Likeness.Workspace.Shots;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Likeness.Workspace.Tests;

/// <summary>
/// One paid call per request across workspaces that share a database (each its own container, as separate
/// processes are), takeover of a dead owner's claim, and reconciliation after faults.
/// </summary>
public sealed class PaidClaimTests
{
    private static ShotRequest Request(long seed) => ShotRunnerTests.Request(seed);

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Identical_requests_from_four_workspaces_at_once_make_one_paid_call_per_cache_key(DatabaseKind kind)
    {
        await using CastWorkspace cast = await CastWorkspace.CreateAsync(kind);
        IdentityModel identity = await cast.IdentityAsync(cast.Obama, "sim-instant");
        LikenessWorkspace[] workspaces = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => LikenessWorkspace.OpenAsync(cast.Options with { ClaimPoll = TimeSpan.FromMilliseconds(20) })));
        try
        {
            // Four "processes", each asking for the same four shots: sixteen requests, four cache keys.
            ShotOutcome[] outcomes = await Task.WhenAll(workspaces.SelectMany(w => Enumerable.Range(1, 4).Select(seed =>
                Task.Run(() => w.Shots.GenerateAsync(cast.Obama, identity, Request(seed))))));

            Assert.Equal(16, outcomes.Length);
            Assert.All(outcomes, o => Assert.Equal(ShotStatus.Succeeded, o.Shot.Status));
            Assert.Equal(4, outcomes.Count(o => !o.FromCache));
            Assert.Equal(4, outcomes.Select(o => o.Shot.Id).Distinct().Count());
            await using LikenessDbContext db = cast.Workspace.OpenDb();
            Assert.Equal(4, await db.Shots.CountAsync());
            Assert.Equal(4, await db.Ledger.CountAsync(e => e.Kind == LedgerEntryKind.Commit));
            await AssertReconciledAsync(cast.Workspace);
        }
        finally
        {
            Array.ForEach(workspaces, w => w.Dispose());
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Two_identity_creations_at_once_make_one_identity_charged_once(DatabaseKind kind)
    {
        // The training lasts long enough for the second request to arrive while the first is under way, whatever the
        // load: whether it arrives before the first recorded its version or after, it joins that training.
        await using CastWorkspace cast = await CastWorkspace.CreateAsync(kind, trainingSeconds: 3);
        using LikenessWorkspace other = await LikenessWorkspace.OpenAsync(cast.Options with { ClaimPoll = TimeSpan.FromMilliseconds(20) });
        IdentityModel[] made = await Task.WhenAll(
            Task.Run(() => cast.Workspace.Identities.CreateAsync(cast.Biden, "sim-lora")),
            Task.Run(() => other.Identities.CreateAsync(cast.Biden, "sim-lora")));

        Assert.Equal(made[0].Id, made[1].Id);
        Assert.All(made, m => Assert.Equal(IdentityModelStatus.Ready, m.Status));
        Assert.Single(await cast.Workspace.Identities.ListAsync(cast.Biden.Id));
        Assert.Equal((2.00m, 0m), Totals(await cast.Workspace.Ledger.ReadAsync(cast.Biden.ProjectId)));
        await AssertReconciledAsync(cast.Workspace);

        // Made again later, it is the next version: the claim is per version, not per character.
        Assert.Equal(2, (await other.Identities.CreateAsync(cast.Biden, "sim-lora")).Version);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Identities_ensured_from_four_workspaces_at_once_are_one_identity(DatabaseKind kind)
    {
        // A reference identity is registered in a moment, so some "processes" list the models before the first one
        // exists and claim after it does: they must claim the version they saw was next, and reuse it.
        await using CastWorkspace cast = await CastWorkspace.CreateAsync(kind);
        LikenessWorkspace[] workspaces = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => LikenessWorkspace.OpenAsync(cast.Options with { ClaimPoll = TimeSpan.FromMilliseconds(20) })));
        try
        {
            IdentityModel[] ensured = await Task.WhenAll(workspaces.SelectMany(w => Enumerable.Range(0, 3).Select(_ =>
                Task.Run(() => w.Identities.EnsureAsync(cast.Obama, "sim-reference", IdentityModelKind.Reference)))));

            Assert.Single(ensured.Select(m => m.Id).Distinct());
            IdentityModel made = Assert.Single(await cast.Workspace.Identities.ListAsync(cast.Obama.Id), m => m.Provider == "sim-reference");
            Assert.Equal((1, IdentityModelStatus.Ready), (made.Version, made.Status));
        }
        finally
        {
            Array.ForEach(workspaces, w => w.Dispose());
        }
    }

    [Fact]
    public async Task A_claim_is_waited_for_within_its_lease_and_taken_over_with_its_record_once_the_lease_runs_out()
    {
        await using CastWorkspace cast = await CastWorkspace.CreateAsync(DatabaseKind.Sqlite);
        var time = new ManualTime(DateTimeOffset.UtcNow);
        WorkspaceOptions options = cast.Options with { ClaimLease = TimeSpan.FromMinutes(1), ClaimWait = TimeSpan.Zero };
        using LikenessWorkspace first = await LikenessWorkspace.OpenAsync(options, time: time);
        using LikenessWorkspace second = await LikenessWorkspace.OpenAsync(options, time: time);
        ClaimBook mine = first.Services.GetRequiredService<ClaimBook>();
        ClaimBook theirs = second.Services.GetRequiredService<ClaimBook>();

        ClaimTicket held = await mine.AcquireAsync("shot:abc", ClaimKind.Shot, cast.Obama.ProjectId, "sim-instant");
        Assert.True(held.IsHeld);
        Assert.False(held.Resumed);
        await mine.RecordJobAsync(held, "job-1", CancellationToken.None);
        await held.DisposeAsync();

        // Within the lease the other process waits (here: no wait allowed, so it says so rather than pay twice).
        await Assert.ThrowsAsync<TimeoutException>(() => theirs.AcquireAsync("shot:abc", ClaimKind.Shot, cast.Obama.ProjectId, "sim-instant"));

        time.Advance(TimeSpan.FromMinutes(2));
        await using ClaimTicket taken = await theirs.AcquireAsync("shot:abc", ClaimKind.Shot, cast.Obama.ProjectId, "sim-instant");
        Assert.True(taken.Resumed);
        Assert.Equal("job-1", taken.ProviderJobId);

        // The first owner lost it: its writes are refused instead of overwriting the new owner's record.
        await Assert.ThrowsAsync<Likeness.Core.RuleViolationException>(() => mine.RecordJobAsync(held, "job-2", CancellationToken.None));
    }

    [Fact]
    public async Task A_claim_whose_owner_process_is_gone_from_this_machine_is_taken_over_without_waiting_for_the_lease()
    {
        await using CastWorkspace cast = await CastWorkspace.CreateAsync(DatabaseKind.Sqlite);
        var time = new ManualTime(DateTimeOffset.UtcNow);
        WorkspaceOptions options = cast.Options with { ClaimLease = TimeSpan.FromHours(1), ClaimWait = TimeSpan.Zero };
        using LikenessWorkspace first = await LikenessWorkspace.OpenAsync(options, time: time);
        using LikenessWorkspace second = await LikenessWorkspace.OpenAsync(options, time: time);
        ClaimTicket held = await first.Services.GetRequiredService<ClaimBook>().AcquireAsync("shot:gone", ClaimKind.Shot, cast.Obama.ProjectId, "sim-instant");
        await held.DisposeAsync();

        // Its owner becomes a process of this machine that has exited (a kill -9 looks the same).
        using var exited = System.Diagnostics.Process.Start("true")!;
        await exited.WaitForExitAsync();
        await using (LikenessDbContext db = first.OpenDb())
        {
            await db.Claims.Where(c => c.Key == "shot:gone").ExecuteUpdateAsync(s => s.SetProperty(c => c.Owner, $"{Environment.MachineName}/{exited.Id}/x"));
        }

        await using ClaimTicket taken = await second.Services.GetRequiredService<ClaimBook>().AcquireAsync("shot:gone", ClaimKind.Shot, cast.Obama.ProjectId, "sim-instant");
        Assert.True(taken.IsHeld && taken.Resumed);
        Assert.False(ClaimBook.OwnerGone($"{Environment.MachineName}/{Environment.ProcessId}/x"));
        Assert.False(ClaimBook.OwnerGone($"another-machine/{exited.Id}/x"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task An_asset_store_that_refuses_the_answer_leaves_it_held_and_the_doctor_stores_and_charges_it_once(DatabaseKind kind)
    {
        await using CastWorkspace cast = await CastWorkspace.CreateAsync(kind);
        IdentityModel identity = await cast.IdentityAsync(cast.Obama, "sim-instant");

        // The store's spool folder becomes a file: references still read, but no new asset can be written.
        string spool = Path.Combine(cast.Folder.Path, "assets", "tmp");
        Directory.Delete(spool, recursive: true);
        await File.WriteAllTextAsync(spool, "not a folder");
        await Assert.ThrowsAnyAsync<IOException>(() => cast.Workspace.Shots.GenerateAsync(cast.Obama, identity, Request(7)));

        ProjectBooks broken = Assert.Single(await cast.Workspace.Doctor.CheckAsync());
        Assert.Equal(1, broken.OpenReservations);
        Assert.False(broken.Reconciled);

        File.Delete(spool);
        await cast.ReopenAsync();
        DoctorReport report = await cast.Workspace.Doctor.RunAsync();
        DoctorAction action = Assert.Single(report.Actions);
        Assert.True(action.Settled, action.Outcome);
        Assert.Contains("collected", action.Outcome, StringComparison.Ordinal);
        Assert.True(report.Reconciled);

        // The answer the provider gave is the shot: a re-run serves it from the cache, with no second call.
        ShotOutcome again = await cast.Workspace.Shots.GenerateAsync(cast.Obama, identity, Request(7));
        Assert.True(again.FromCache);
        Assert.True(await cast.Workspace.Assets.ExistsAsync(again.Shot.Assets[0]));
        await using LikenessDbContext db = cast.Workspace.OpenDb();
        Assert.Equal(1, await db.Ledger.CountAsync(e => e.Kind == LedgerEntryKind.Commit));
    }

    [Fact]
    public async Task A_sim_call_whose_process_died_after_reserving_is_refunded_by_the_doctor_and_a_rerun_makes_it_once()
    {
        await using CastWorkspace cast = await CastWorkspace.CreateAsync(DatabaseKind.Sqlite);
        IdentityModel identity = await cast.IdentityAsync(cast.Obama, "sim-instant");
        var time = new ManualTime(DateTimeOffset.UtcNow);
        using LikenessWorkspace dead = await LikenessWorkspace.OpenAsync(cast.Options, time: time);
        PaidCall paid = dead.Services.GetRequiredService<PaidCall>();
        string key = "shot:" + ShotCacheKey.Compute(identity.Id, identity.Version, identity.Provider, Request(3));

        // Reserved (its claim still working: the sim never "sent" it), then the process "dies": its lease left to run out.
        ClaimTicket claim = await paid.Claims.AcquireAsync(key, ClaimKind.Shot, cast.Obama.ProjectId, identity.Provider);
        await paid.ReserveAsync(claim, Guid.NewGuid(), 0.01m, "shot that never answered", null, CancellationToken.None);
        await claim.DisposeAsync();
        Assert.Equal(0.01m, (await cast.Workspace.Ledger.ReadAsync(cast.Obama.ProjectId)).ReservedUsd);

        // A doctor on the same clock sees the lease alive and leaves it; past the lease it refunds (the sim ran in the dead process).
        using LikenessWorkspace doctor = await LikenessWorkspace.OpenAsync(cast.Options, time: time);
        Assert.False((await doctor.Doctor.RunAsync()).Reconciled);
        time.Advance(cast.Options.ClaimLease * 2);
        DoctorReport report = await doctor.Doctor.RunAsync();
        Assert.True(report.Reconciled, string.Join("; ", report.Actions.Select(a => a.Outcome)));

        ShotOutcome rerun = await cast.Workspace.Shots.GenerateAsync(cast.Obama, identity, Request(3));
        Assert.False(rerun.FromCache);
        Assert.Equal(ShotStatus.Succeeded, rerun.Shot.Status);
        await AssertReconciledAsync(cast.Workspace);
    }

    private static (decimal, decimal) Totals(CostLedger ledger) => (ledger.CommittedUsd, ledger.ReservedUsd);

    private static async Task AssertReconciledAsync(LikenessWorkspace workspace)
    {
        IReadOnlyList<ProjectBooks> books = await workspace.Doctor.CheckAsync();
        Assert.All(books, b => Assert.True(b.Reconciled, $"{b.Name}: committed {b.CommittedUsd}, succeeded {b.SucceededUsd}, open {b.OpenReservations}, balance matches {b.BalanceMatches}"));
    }
}
