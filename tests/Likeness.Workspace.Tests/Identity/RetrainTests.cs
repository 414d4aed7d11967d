using Likeness.Core.Identity;
using Likeness.Core.Identity.Retraining;
using Likeness.Providers.Sim;
using Likeness.Workspace.Identity.Retraining;
using Likeness.Workspace.Identity.Validation;
using Likeness.Workspace.Persistence;
using Likeness.Workspace.Shots;
using Likeness.Workspace.Tests.Gates;
using Microsoft.Extensions.DependencyInjection;

namespace Likeness.Workspace.Tests.Identity;

/// <summary>
/// The retrain policy on a sim trainer whose fidelity answers its parameters: the ladder's order, the stop at the first
/// validated version, the budget (admitted before each attempt, never passed) and a concurrent second retrain that pays
/// for nothing twice.
/// </summary>
public sealed class RetrainTests
{
    private const string Trainer = "sim-ladder";

    /// <summary>Fidelity 0 at the defaults; doubled steps add 0.2, a doubled rank 0.8: the second rung (fidelity 1) is the first to pass.</summary>
    private static readonly SimProfile Ladder = GateCast.Trainer(Trainer, 0.0) with
    {
        TrainingResponse = new SimTrainingResponse { PerDoubledSteps = 0.2, PerDoubledRank = 0.8 },
    };

    private static readonly ValidationPolicy Validation = new() { Seeds = 2, MinPassRate = 0.6, TargetFalseAcceptRate = 0.05 };

    /// <summary>One validation set: five scenarios × two seeds at $0.01.</summary>
    private const decimal SetPrice = 10 * GateCast.PricePerShot;

    /// <summary>A $1 training and its validation set: what each attempt is admitted at.</summary>
    private const decimal AttemptPrice = 1m + SetPrice;

    private static Task<CastWorkspace> CastAsync() => GateCast.CreateAsync(DatabaseKind.Sqlite, [Ladder], GateCast.FaceApiPhotos);

    private static async Task<decimal> CommittedAsync(CastWorkspace cast) => (await cast.Workspace.Ledger.ReadAsync(cast.Obama.ProjectId)).CommittedUsd;

    [Fact]
    public async Task The_ladder_climbs_more_steps_then_higher_rank_and_stops_at_the_first_validated_version()
    {
        await using CastWorkspace cast = await CastAsync();
        IdentityModel v1 = await cast.IdentityAsync(cast.Obama, Trainer);
        decimal before = await CommittedAsync(cast);

        RetrainReport report = await cast.Workspace.Services.GetRequiredService<Retrainer>()
            .RetrainAsync(cast.Obama, Trainer, new RetrainPolicy { BudgetUsd = 5m, Validation = Validation });

        // v1 had no report: it was judged first, below the threshold, then the ladder ran until a version passed.
        Assert.Equal((v1.Id, IdentityValidationOutcome.BelowThreshold), (report.From.Id, report.From.Validation!.Outcome));
        Assert.Equal(RetrainStop.Validated, report.Stop);
        Assert.Equal(["more steps", "higher rank"], report.Attempts.Select(a => a.Change));
        IdentityModel v2 = report.Attempts[0].Model, v3 = report.Attempts[1].Model;
        Assert.Equal((2, v1.Id, 3, v2.Id), (v2.Version, v2.ParentId, v3.Version, v3.ParentId));
        Assert.Equal(new TrainingParameters { Steps = 2000, Rank = 16, LearningRate = 4e-4 }, TrainingParameters.Read(v2.TrainingParameters));
        Assert.Equal(new TrainingParameters { Steps = 2000, Rank = 32, LearningRate = 4e-4 }, TrainingParameters.Read(v3.TrainingParameters));
        Assert.Equal(("more steps", "higher rank"), (v2.TrainingParameters["retrain"], v3.TrainingParameters["retrain"]));
        Assert.Equal(IdentityValidationOutcome.BelowThreshold, v2.Validation!.Outcome);
        Assert.Equal(IdentityValidationOutcome.Validated, v3.Validation!.Outcome);
        Assert.True(v2.Validation.PassRate < v3.Validation.PassRate);

        // The validated version is the one in use, and every attempt is in v3's lineage.
        Assert.Equal(v3.Id, report.InUse!.Id);
        Assert.Equal(v3.Id, (await cast.Workspace.Services.GetRequiredService<ShotPlanner>().IdentityForAsync(cast.Obama, Trainer)).Id);
        Assert.Equal([v1.Id, v2.Id, v3.Id], IdentityLineage.Of(v3, await cast.Workspace.Identities.ListAsync(cast.Obama.Id)).Select(m => m.Id));

        // Three validation sets and two trainings, each paid once, within the budget, nothing left reserved.
        decimal expected = (3 * SetPrice) + (2 * 1m);
        Assert.Equal(expected, report.SpentUsd);
        Assert.Equal(before + expected, await CommittedAsync(cast));
        Assert.Equal(0m, (await cast.Workspace.Ledger.ReadAsync(cast.Obama.ProjectId)).ReservedUsd);

        // Retraining a validated version in use trains nothing and pays nothing.
        RetrainReport again = await cast.Workspace.Services.GetRequiredService<Retrainer>()
            .RetrainAsync(cast.Obama, Trainer, new RetrainPolicy { BudgetUsd = 5m, Validation = Validation });
        Assert.Equal((RetrainStop.AlreadyValidated, 0, 0m), (again.Stop, again.Attempts.Count, again.SpentUsd));
        Assert.Equal(before + expected, await CommittedAsync(cast));
    }

    [Fact]
    public async Task The_budget_stops_the_ladder_before_an_attempt_it_could_not_pay_for()
    {
        await using CastWorkspace cast = await CastAsync();
        Retrainer retrainer = cast.Workspace.Services.GetRequiredService<Retrainer>();
        await cast.IdentityAsync(cast.Obama, Trainer);
        decimal before = await CommittedAsync(cast);

        // $1.25 holds v1's validation ($0.10) and one attempt ($1.10); a second attempt would pass it.
        RetrainReport report = await retrainer.RetrainAsync(cast.Obama, Trainer, new RetrainPolicy { BudgetUsd = 1.25m, Validation = Validation });
        Assert.Equal(RetrainStop.Budget, report.Stop);
        Assert.Equal(["more steps"], report.Attempts.Select(a => a.Change));
        Assert.Equal(AttemptPrice, report.AttemptEstimateUsd);
        Assert.Equal(SetPrice + AttemptPrice, report.SpentUsd);
        Assert.True(report.SpentUsd <= report.BudgetUsd);
        Assert.Equal(before + SetPrice + AttemptPrice, await CommittedAsync(cast));

        // A budget below one validation set starts nothing at all.
        await cast.IdentityAsync(cast.Biden, Trainer);
        decimal beforeBiden = await CommittedAsync(cast);
        RetrainReport nothing = await retrainer.RetrainAsync(cast.Biden, Trainer, new RetrainPolicy { BudgetUsd = 0.05m, Validation = Validation });
        Assert.Equal((RetrainStop.Budget, 0, 0m), (nothing.Stop, nothing.Attempts.Count, nothing.SpentUsd));
        Assert.Null(nothing.From.Validation);
        Assert.Equal(beforeBiden, await CommittedAsync(cast));

        // At most one attempt: the ladder stops there even with money left.
        RetrainReport one = await retrainer.RetrainAsync(cast.Biden, Trainer, new RetrainPolicy { BudgetUsd = 5m, MaxAttempts = 1, Validation = Validation });
        Assert.Equal((RetrainStop.MaxAttempts, 1), (one.Stop, one.Attempts.Count));
    }

    [Fact]
    public async Task A_concurrent_second_retrain_joins_the_first_and_pays_for_nothing_twice()
    {
        await using CastWorkspace cast = await CastAsync();
        Retrainer retrainer = cast.Workspace.Services.GetRequiredService<Retrainer>();
        await cast.IdentityAsync(cast.Obama, Trainer);
        decimal before = await CommittedAsync(cast);
        var policy = new RetrainPolicy { BudgetUsd = 5m, Validation = Validation };

        RetrainReport[] both = await Task.WhenAll(
            Task.Run(() => retrainer.RetrainAsync(cast.Obama, Trainer, policy)),
            Task.Run(() => retrainer.RetrainAsync(cast.Obama, Trainer, policy)));

        Assert.All(both, r => Assert.Equal(RetrainStop.Validated, r.Stop));
        Assert.Equal(both[0].InUse!.Id, both[1].InUse!.Id);
        Assert.Equal(both[0].Attempts.Select(a => a.Model.Id), both[1].Attempts.Select(a => a.Model.Id));

        // One ladder's worth: three versions, two trainings and three validation sets, though two retrains ran.
        Assert.Equal(3, (await cast.Workspace.Identities.ListAsync(cast.Obama.Id)).Count(m => m.Provider == Trainer));
        Assert.Equal(before + (3 * SetPrice) + (2 * 1m), await CommittedAsync(cast));
        Assert.Equal(0m, (await cast.Workspace.Ledger.ReadAsync(cast.Obama.ProjectId)).ReservedUsd);
    }
}
