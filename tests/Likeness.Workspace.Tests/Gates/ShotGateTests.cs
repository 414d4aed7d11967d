using Likeness.Core;
using Likeness.Core.Gates;
using Likeness.Core.Identity;
using Likeness.Core.Shots;
using Likeness.Core.Studies.Statistics;
using Likeness.Workspace.Gates;
using Likeness.Workspace.Costs;
using Likeness.Workspace.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Likeness.Workspace.Tests.Gates;

/// <summary>The gate on a sim provider of known fidelity: attempts, ground truth, rejections kept, and the cost cap under concurrency.</summary>
public sealed class ShotGateTests
{
    private static readonly ShotRequest CloseUp = new() { Prompt = "portrait", Scenario = "close-up-portrait", Width = 320, Height = 384, Seed = 1000 };

    [Fact]
    public async Task Asking_for_N_kept_shots_at_fidelity_p_takes_about_N_over_p_attempts_and_keeps_the_right_person()
    {
        const double p = 0.6;
        const int n = 12;
        await using CastWorkspace cast = await GateCast.CreateAsync(DatabaseKind.Sqlite, p, GateCast.FaceApiPhotos);
        IdentityModel identity = await cast.IdentityAsync(cast.Obama, "sim-gate");
        var heard = new List<Shot>();
        GateResult result = await cast.Workspace.Gate.RunAsync(
            new GateRequest { Character = cast.Obama, Identity = identity, Shot = CloseUp, Keep = n, MaxAttempts = 200, MaxCostUsd = 10m, TargetFalseAcceptRate = 0.05 },
            s => { heard.Add(s); return Task.CompletedTask; });

        Assert.Equal(GateStop.Enough, result.Stop);
        Assert.Equal(n, result.Kept.Count);
        Assert.Equal(result.Attempts, heard.Count);
        // N successes in `attempts` trials: p must lie in the 99.9 % Wilson interval of N / attempts.
        Interval interval = Wilson.Interval(n, result.Attempts, 3.29)!;
        Assert.InRange(p, interval.Low, interval.High);

        // Kept shots are Obama by the sim's ground truth; rejected ones are kept, marked and listed.
        int right = result.Kept.Count(s => s.Metadata["sim.identity"] == "kept");
        Assert.True(right >= 0.95 * n, $"{right} of {n} kept shots are the character by the sim's ground truth");
        Assert.All(result.Kept, s => Assert.Equal(result.Calibration.Id, Assert.Single(s.Verdict!.Checks).CalibrationId));
        IReadOnlyList<Shot> listed = await cast.Workspace.Shots.ListAsync(cast.Obama.Id);
        Assert.Equal(result.Attempts, listed.Count(s => s.Verdict is not null));
        Assert.All(result.Rejected, r => Assert.Contains(listed, s => s.Id == r.Id && s.Verdict is { Kept: false, Reason: not VerdictReason.Kept }));

        // Cost per kept shot: every attempt was paid.
        Assert.Equal(result.Attempts * GateCast.PricePerShot, result.SpentUsd);
        Assert.Equal(result.SpentUsd / n, result.CostPerKeptUsd);

        // providers list's cost per kept shot: the price ÷ the pass rate the gate measured here.
        KeptShotCost measured = (await cast.Workspace.Services.GetRequiredService<GatePassRates>().ByProviderAsync())["sim-gate"];
        Assert.Equal((n, result.Attempts, GateCast.PricePerShot), (measured.Passed, measured.Attempts, measured.PerAttemptUsd));
        Assert.Equal(result.CostPerKeptUsd!.Value, measured.PerKeptUsd!.Value, 10);
    }

    [Fact]
    public async Task The_gate_stops_at_its_attempts_or_its_money_whichever_comes_first()
    {
        await using CastWorkspace cast = await GateCast.CreateAsync(DatabaseKind.Sqlite, 0.0, GateCast.FaceApiPhotos);
        IdentityModel identity = await cast.IdentityAsync(cast.Obama, "sim-gate");
        var request = new GateRequest { Character = cast.Obama, Identity = identity, Shot = CloseUp, Keep = 2, MaxAttempts = 4, MaxCostUsd = 1m, TargetFalseAcceptRate = 0.05 };

        // Fidelity 0: every shot drifts to Biden, so nothing passes.
        GateResult byAttempts = await cast.Workspace.Gate.RunAsync(request);
        Assert.Equal((GateStop.MaxAttempts, 4, 0), (byAttempts.Stop, byAttempts.Attempts, byAttempts.Kept.Count));
        Assert.All(byAttempts.Rejected, s => Assert.Equal(VerdictReason.Identity, s.Verdict!.Reason));
        Assert.Null(byAttempts.CostPerKeptUsd);

        GateResult byMoney = await cast.Workspace.Gate.RunAsync(request with { Shot = CloseUp with { Seed = 5000 }, MaxCostUsd = 0.025m });
        Assert.Equal((GateStop.CostCap, 2, 0.02m), (byMoney.Stop, byMoney.Attempts, byMoney.SpentUsd));
    }

    [Fact]
    public async Task The_gate_refuses_when_the_references_cannot_calibrate_a_threshold()
    {
        await using CastWorkspace cast = await GateCast.CreateAsync(DatabaseKind.Sqlite, 0.7, null);
        IdentityModel identity = await cast.IdentityAsync(cast.Obama, "sim-gate");
        var refused = await Assert.ThrowsAsync<RuleViolationException>(() => cast.Workspace.Gate.RunAsync(
            new GateRequest { Character = cast.Obama, Identity = identity, Shot = CloseUp, Keep = 1, MaxAttempts = 3, MaxCostUsd = 1m }));
        Assert.Contains("impostor", refused.Message, StringComparison.Ordinal);
        Assert.Empty(await cast.Workspace.Shots.ListAsync(cast.Obama.Id));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Fifty_concurrent_gated_requests_against_a_cap_for_exactly_thirty_attempts_make_thirty_and_spend_nothing_over(DatabaseKind kind)
    {
        await using CastWorkspace cast = await GateCast.CreateAsync(kind, 0.5, GateCast.FaceApiPhotos);
        IdentityModel identity = await cast.IdentityAsync(cast.Obama, "sim-gate");
        decimal limit = 30 * GateCast.PricePerShot;
        var cap = await cast.Workspace.Services.GetRequiredService<CostCapBook>().CreateAsync(cast.Obama.ProjectId, limit, maxAttempts: null);

        GateResult[] results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() => cast.Workspace.Gate.RunAsync(new GateRequest
        {
            Character = cast.Obama,
            Identity = identity,
            Shot = CloseUp with { Seed = 100_000 + (i * 100) },
            Keep = 2,
            MaxAttempts = 5,
            CapId = cap.Id,
            TargetFalseAcceptRate = 0.05,
        }))));

        Assert.Equal(30, results.Sum(r => r.Attempts));
        CostCap after = await cast.Workspace.Services.GetRequiredService<CostCapBook>().GetAsync(cap.Id);
        Assert.Equal((30, 0L, limit), (after.Attempts, after.ReservedMicros, after.SpentUsd));
        Assert.Equal(limit, results.Sum(r => r.SpentUsd));
        Assert.Equal(limit, (await cast.Workspace.Ledger.ReadAsync(cast.Obama.ProjectId)).CommittedUsd);
        Assert.Equal(30, (await cast.Workspace.Shots.ListAsync(cast.Obama.Id)).Count(s => s.Verdict?.CapId == cap.Id));
    }
}
