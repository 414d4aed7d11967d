using Likeness.Core.Identity;
using Likeness.Core.Identity.Retraining;
using Likeness.Core.Providers;
using Likeness.Testing;

namespace Likeness.Core.Tests.Identity;

/// <summary>The retrain ladder: more steps, then higher rank, then lower learning rate, then more references, each within the trainer's range.</summary>
public sealed class RetrainLadderTests
{
    private static readonly TrainingLimits Flux = new()
    {
        Steps = new ParameterRange(3, 6000, 1000), Rank = new ParameterRange(1, 128, 16), LearningRate = new ParameterRange(1e-7, 1e-2, 4e-4),
    };

    [Fact]
    public void Each_rung_keeps_the_changes_before_it_in_the_documented_order()
    {
        IReadOnlyList<RetrainRung> ladder = RetrainLadder.Plan(new TrainingParameters { Steps = 1000 }, Flux, unusedReferences: true);

        Assert.Equal([RetrainChange.MoreSteps, RetrainChange.HigherRank, RetrainChange.LowerLearningRate, RetrainChange.MoreReferences], ladder.Select(r => r.Change));
        Assert.Equal(new TrainingParameters { Steps = 2000, Rank = 16, LearningRate = 4e-4 }, ladder[0].Parameters);
        Assert.Equal(new TrainingParameters { Steps = 2000, Rank = 32, LearningRate = 4e-4 }, ladder[1].Parameters);
        Assert.Equal(new TrainingParameters { Steps = 2000, Rank = 32, LearningRate = 2e-4 }, ladder[2].Parameters);
        Assert.Equal(ladder[2].Parameters, ladder[3].Parameters);
        Assert.Equal([false, false, false, true], ladder.Select(r => r.AllReferences));
        Assert.Equal(["more steps", "higher rank", "lower learning rate", "more references"], ladder.Select(r => r.Name));
    }

    [Fact]
    public void A_rung_the_trainer_cannot_take_is_left_out()
    {
        // Steps capped at the range's end; the rank already at its maximum; a trainer of steps only (fal's fast trainer).
        IReadOnlyList<RetrainRung> capped = RetrainLadder.Plan(new TrainingParameters { Steps = 4000, Rank = 128 }, Flux, unusedReferences: false);
        Assert.Equal([RetrainChange.MoreSteps, RetrainChange.LowerLearningRate], capped.Select(r => r.Change));
        Assert.Equal(6000, capped[0].Parameters.Steps);

        var stepsOnly = new TrainingLimits { Steps = new ParameterRange(1, 10_000, 1000) };
        Assert.Equal([RetrainChange.MoreSteps], RetrainLadder.Plan(TrainingParameters.None, stepsOnly, unusedReferences: false).Select(r => r.Change));
        Assert.Empty(RetrainLadder.Plan(new TrainingParameters { Steps = 10_000 }, stepsOnly, unusedReferences: false));
        Assert.Equal([RetrainChange.MoreReferences], RetrainLadder.Plan(TrainingParameters.None, TrainingLimits.None, unusedReferences: true).Select(r => r.Change));
    }

    [Fact]
    public void A_versions_lineage_lists_its_first_training_and_every_retrain_from_it()
    {
        var time = new ManualTime(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        IdentityModel Trained(int version, Guid? parent) =>
            IdentityModel.StartTraining(Guid.Empty, "sim", version, parent, [], new Dictionary<string, string>(), $"job{version}", null, time);
        IdentityModel v1 = Trained(1, null), v2 = Trained(2, v1.Id), v3 = Trained(3, v2.Id), other = Trained(4, null), v5 = Trained(5, v1.Id);

        Assert.Equal([1, 2, 3, 5], IdentityLineage.Of(v3, [other, v5, v3, v2, v1]).Select(m => m.Version));
        Assert.Equal([4], IdentityLineage.Of(other, [other, v5, v3, v2, v1]).Select(m => m.Version));

        // The ancestry is the one retrain that led to a version: v5, a sibling retrained from v1 by another, is not in v3's.
        Assert.Equal([1, 2, 3], IdentityLineage.Ancestry(v3, [other, v5, v3, v2, v1]).Select(m => m.Version));
        Assert.Equal([1, 5], IdentityLineage.Ancestry(v5, [other, v5, v3, v2, v1]).Select(m => m.Version));
        Assert.Equal([4], IdentityLineage.Ancestry(other, [other, v5, v3, v2, v1]).Select(m => m.Version));
    }
}
