using Likeness.Workspace.Persistence;
using Likeness.Core.Costs;
using Likeness.Core.Identity;
using Likeness.Core.Scenarios;
using Likeness.Core.Shots;
using Likeness.Workspace.Shots;

namespace Likeness.Workspace.Tests;

public sealed class ShotRunnerTests
{
    internal static ShotRequest Request(long seed, string scenario = "close-up-portrait") => new()
    {
        Prompt = StandardScenarios.Get(scenario).Scene,
        Scenario = scenario,
        Width = 192,
        Height = 256,
        Seed = seed,
    };

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task A_shot_is_stored_charged_and_then_served_from_the_cache(DatabaseKind kind)
    {
        await using CastWorkspace cast = await CastWorkspace.CreateAsync(kind);
        IdentityModel identity = await cast.IdentityAsync(cast.Obama, "sim-instant");
        Assert.Equal((IdentityModelKind.Reference, IdentityModelStatus.Ready, 1), (identity.Kind, identity.Status, identity.Version));

        ShotOutcome first = await cast.Workspace.Shots.GenerateAsync(cast.Obama, identity, Request(1));
        Assert.False(first.FromCache);
        Assert.Equal(ShotStatus.Succeeded, first.Shot.Status);
        Assert.True(first.Shot.Simulated);
        Assert.Equal("true", first.Shot.Metadata["simulated"]);
        Assert.Single(first.Shot.Assets);
        Assert.True(await cast.Workspace.Assets.ExistsAsync(first.Shot.Assets[0]));
        decimal expected = 0.10m * 192 * 256 / 1_000_000m;
        Assert.Equal(expected, first.Shot.CostUsd);

        CostLedger ledger = await cast.Workspace.Ledger.ReadAsync(cast.Obama.ProjectId);
        Assert.Equal(expected, ledger.CommittedUsd);
        Assert.Equal(0m, ledger.ReservedUsd);

        ShotOutcome again = await cast.Workspace.Shots.GenerateAsync(cast.Obama, identity, Request(1) with { Prompt = "  " + Request(1).Prompt });
        Assert.True(again.FromCache);
        Assert.Equal(first.Shot.Id, again.Shot.Id);
        Assert.Equal(expected, (await cast.Workspace.Ledger.ReadAsync(cast.Obama.ProjectId)).CommittedUsd);

        ShotOutcome fresh = await cast.Workspace.Shots.GenerateAsync(cast.Obama, identity, Request(1), useCache: false);
        Assert.False(fresh.FromCache);
        Assert.NotEqual(first.Shot.Id, fresh.Shot.Id);
        Assert.Equal(first.Shot.Assets, fresh.Shot.Assets);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task The_sim_is_deterministic_by_seed_and_labels_its_ground_truth(DatabaseKind kind)
    {
        await using CastWorkspace cast = await CastWorkspace.CreateAsync(kind);
        IdentityModel identity = await cast.IdentityAsync(cast.Biden, "sim-reference");
        var a = await cast.Workspace.Shots.GenerateAsync(cast.Biden, identity, Request(7, "low-light"), useCache: false);
        var b = await cast.Workspace.Shots.GenerateAsync(cast.Biden, identity, Request(7, "low-light"), useCache: false);
        var c = await cast.Workspace.Shots.GenerateAsync(cast.Biden, identity, Request(8, "low-light"), useCache: false);
        Assert.Equal(a.Shot.Assets, b.Shot.Assets);
        Assert.NotEqual(a.Shot.Assets, c.Shot.Assets);
        Assert.Equal("LowLight", a.Shot.Metadata["sim.framing"]);
        Assert.True(a.Shot.Metadata["sim.identity"] is "kept" or "drifted");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Kept_share_matches_each_profiles_fidelity(DatabaseKind kind)
    {
        await using CastWorkspace cast = await CastWorkspace.CreateAsync(kind);
        foreach (var (provider, fidelity) in new[] { ("sim-instant", 0.85), ("sim-reference", 0.70) })
        {
            IdentityModel identity = await cast.IdentityAsync(cast.Obama, provider);
            const int n = 150;
            int kept = 0;
            for (int seed = 0; seed < n; seed++)
            {
                ShotOutcome outcome = await cast.Workspace.Shots.GenerateAsync(cast.Obama, identity, Request(seed) with { Width = 64, Height = 64 });
                kept += outcome.Shot.Metadata["sim.identity"] == "kept" ? 1 : 0;
            }

            // Binomial standard error at n = 150 is at most 0.041; 3.5 of them is the tolerance.
            double share = kept / (double)n;
            double tolerance = 3.5 * Math.Sqrt(fidelity * (1 - fidelity) / n);
            Assert.InRange(share, fidelity - tolerance, fidelity + tolerance);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task A_failed_call_is_recorded_and_refunded(DatabaseKind kind)
    {
        await using CastWorkspace cast = await CastWorkspace.CreateAsync(kind, failureRate: 1);
        IdentityModel identity = await cast.IdentityAsync(cast.Obama, "sim-instant");
        ShotOutcome outcome = await cast.Workspace.Shots.GenerateAsync(cast.Obama, identity, Request(3));
        Assert.Equal(ShotStatus.Failed, outcome.Shot.Status);
        Assert.Contains("Simulated provider error", outcome.Shot.Error, StringComparison.Ordinal);
        CostLedger ledger = await cast.Workspace.Ledger.ReadAsync(cast.Obama.ProjectId);
        Assert.Equal((0m, 0m), (ledger.CommittedUsd, ledger.ReservedUsd));
        Assert.Empty(outcome.Shot.Assets);
    }
}
