using Likeness.Core.Identity;
using Likeness.Core.Shots;
using Likeness.Workspace.Identity.Validation;
using Likeness.Workspace.Persistence;
using Likeness.Workspace.Shots;
using Likeness.Workspace.Tests.Gates;
using Microsoft.Extensions.DependencyInjection;

namespace Likeness.Workspace.Tests.Identity;

/// <summary>Post-training validation on sim trainers of known fidelity: the fixed set, the verdict, the money, the version in use.</summary>
public sealed class IdentityValidationTests
{
    private static readonly ValidationPolicy Policy = new() { Seeds = 2, MinPassRate = 0.6, TargetFalseAcceptRate = 0.05 };

    [Fact]
    public async Task A_faithful_training_is_validated_a_drifting_one_is_below_threshold_and_a_repeat_pays_nothing()
    {
        await using CastWorkspace cast = await GateCast.CreateAsync(
            DatabaseKind.Sqlite, [GateCast.Trainer("sim-faithful", 0.95), GateCast.Trainer("sim-drifting", 0.0)], GateCast.FaceApiPhotos);
        IdentityValidator validator = cast.Workspace.Services.GetRequiredService<IdentityValidator>();
        IdentityModel faithful = await cast.IdentityAsync(cast.Obama, "sim-faithful");
        IdentityModel drifting = await cast.IdentityAsync(cast.Obama, "sim-drifting");
        decimal trained = (await cast.Workspace.Ledger.ReadAsync(cast.Obama.ProjectId)).CommittedUsd;

        IdentityValidation good = (await validator.ValidateAsync(faithful.Id, Policy)).Validation!;
        IdentityValidation bad = (await validator.ValidateAsync(drifting.Id, Policy)).Validation!;

        // The fixed set: five scenarios × two seeds, each shot gated once, at $0.01 a shot.
        Assert.Equal((10, 10), (good.Attempts, bad.Attempts));
        Assert.Equal((10 * GateCast.PricePerShot, 10 * GateCast.PricePerShot), (good.CostUsd, bad.CostUsd));
        Assert.All(good.ByScenario.Values.Concat(bad.ByScenario.Values), counts => Assert.Equal(2, counts[1]));
        Assert.Equal(IdentityValidationOutcome.Validated, good.Outcome);
        Assert.True(good.PassRate >= 0.6 && good.PassRateLow < good.PassRate && good.PassRate <= good.PassRateHigh);
        Assert.Equal((IdentityValidationOutcome.BelowThreshold, 0), (bad.Outcome, bad.Passed));
        Assert.Equal(good.CalibrationId, bad.CalibrationId);

        // Stored on the identity, and the gated shots are ordinary shots with their verdicts.
        IdentityValidation stored = (await cast.Workspace.Identities.GetAsync(faithful.Id)).Validation!;
        Assert.Equal((good.Outcome, good.Passed, good.Attempts, good.CostUsd, good.CalibrationId), (stored.Outcome, stored.Passed, stored.Attempts, stored.CostUsd, stored.CalibrationId));
        Assert.Equal(good.ByScenario.Values.Sum(c => c[0]), stored.ByScenario.Values.Sum(c => c[0]));
        IReadOnlyList<Shot> made = await cast.Workspace.Shots.ListAsync(cast.Obama.Id);
        Assert.Equal(good.Passed, made.Count(s => s.IdentityModelId == faithful.Id && s.Verdict is { Kept: true }));

        // Validating again reuses the cached set: the same report, nothing paid twice.
        decimal before = (await cast.Workspace.Ledger.ReadAsync(cast.Obama.ProjectId)).CommittedUsd;
        Assert.Equal(trained + (20 * GateCast.PricePerShot), before);
        IdentityValidation again = (await validator.ValidateAsync(faithful.Id, Policy)).Validation!;
        Assert.Equal((good.Passed, good.Attempts, 0m), (again.Passed, again.Attempts, again.CostUsd));
        Assert.Equal(before, (await cast.Workspace.Ledger.ReadAsync(cast.Obama.ProjectId)).CommittedUsd);
    }

    [Fact]
    public async Task The_version_in_use_is_the_best_validated_one_not_the_newest()
    {
        await using CastWorkspace cast = await GateCast.CreateAsync(DatabaseKind.Sqlite, [GateCast.Trainer("sim-faithful", 0.95)], GateCast.FaceApiPhotos);
        IdentityValidator validator = cast.Workspace.Services.GetRequiredService<IdentityValidator>();
        ShotPlanner planner = cast.Workspace.Services.GetRequiredService<ShotPlanner>();
        IdentityModel v1 = await cast.IdentityAsync(cast.Obama, "sim-faithful");
        IdentityModel v2 = await cast.IdentityAsync(cast.Obama, "sim-faithful");
        Assert.Equal(v2.Id, (await planner.IdentityForAsync(cast.Obama, "sim-faithful")).Id);   // none validated: the newest

        await validator.ValidateAsync(v1.Id, Policy);
        Assert.Equal(v1.Id, (await planner.IdentityForAsync(cast.Obama, "sim-faithful")).Id);   // a validated one beats an unvalidated newer one

        // v2 judged by a policy that cannot be met still has its pass rate: the better rate wins, ties go to the cheaper, then the newer.
        IdentityValidation second = (await validator.ValidateAsync(v2.Id, Policy with { MinPassRate = 1.0, FirstSeed = 500 })).Validation!;
        IdentityValidation first = (await cast.Workspace.Identities.GetAsync(v1.Id)).Validation!;
        Guid expected = second.PassRate > first.PassRate || (second.PassRate.Equals(first.PassRate) && second.CostPerKeptUsd <= first.CostPerKeptUsd) ? v2.Id : v1.Id;
        Assert.Equal(expected, (await planner.IdentityForAsync(cast.Obama, "sim-faithful")).Id);
    }
}
