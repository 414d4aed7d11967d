using Likeness.Core.Identity;
using Likeness.Providers.Sim;

namespace Likeness.Providers.Tests.Sim;

/// <summary>The sim trainer's documented answer to its parameters: log-linear from the baseline, clamped to [0, 1], deterministic.</summary>
public sealed class SimTrainingResponseTests
{
    [Fact]
    public void Fidelity_moves_by_the_stated_gain_per_doubling_from_the_baseline_and_stays_within_0_and_1()
    {
        var response = new SimTrainingResponse { PerDoubledSteps = 0.1, PerDoubledRank = 0.2, PerHalvedLearningRate = 0.05, PerDoubledReferences = 0.04 };

        Assert.Equal(0.5, response.FidelityOf(0.5, TrainingParameters.None, references: 4), 12);
        Assert.Equal(0.6, response.FidelityOf(0.5, new TrainingParameters { Steps = 2000 }, 4), 12);
        Assert.Equal(0.4, response.FidelityOf(0.5, new TrainingParameters { Steps = 500 }, 4), 12);
        Assert.Equal(0.85, response.FidelityOf(0.5, new TrainingParameters { Steps = 2000, Rank = 32, LearningRate = 2e-4 }, 4), 12);
        Assert.Equal(0.54, response.FidelityOf(0.5, TrainingParameters.None, references: 8), 12);
        Assert.Equal(1.0, response.FidelityOf(0.9, new TrainingParameters { Steps = 8000 }, 4));
        Assert.Equal(0.0, response.FidelityOf(0.05, new TrainingParameters { Steps = 125 }, 4));
        Assert.Equal(0.5, new SimTrainingResponse().FidelityOf(0.5, new TrainingParameters { Steps = 4000, Rank = 64 }, 20));
    }
}
