using Likeness.Core.Identity;

namespace Likeness.Providers.Sim;

/// <summary>
/// How a simulated training's fidelity answers its parameters, so that a retrain ladder can be tested: the trained
/// identity keeps the character with probability
/// <c>clamp(Fidelity + PerDoubledSteps·log2(steps/1000) + PerDoubledRank·log2(rank/16) + PerHalvedLearningRate·log2(0.0004/rate) + PerDoubledReferences·log2(references/4), 0, 1)</c>,
/// where a parameter not given counts as its baseline (1000 steps, rank 16, learning rate 0.0004, 4 references).
/// Deterministic: the same parameters always give the same fidelity. Nothing here claims real trainers behave so.
/// </summary>
public sealed record SimTrainingResponse
{
    /// <summary>Baseline steps.</summary>
    public const int BaselineSteps = 1000;

    /// <summary>Baseline LoRA rank.</summary>
    public const int BaselineRank = 16;

    /// <summary>Baseline learning rate.</summary>
    public const double BaselineLearningRate = 4e-4;

    /// <summary>Baseline number of training photos.</summary>
    public const int BaselineReferences = 4;

    /// <summary>Fidelity gained each time the steps double.</summary>
    public double PerDoubledSteps { get; init; }

    /// <summary>Fidelity gained each time the rank doubles.</summary>
    public double PerDoubledRank { get; init; }

    /// <summary>Fidelity gained each time the learning rate halves.</summary>
    public double PerHalvedLearningRate { get; init; }

    /// <summary>Fidelity gained each time the training photos double.</summary>
    public double PerDoubledReferences { get; init; }

    /// <summary>The fidelity of a training with <paramref name="parameters"/> on <paramref name="references"/> photos, from the profile's <paramref name="baseline"/>.</summary>
    public double FidelityOf(double baseline, TrainingParameters parameters, int references)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        double fidelity = baseline
            + (PerDoubledSteps * Math.Log2((double)(parameters.Steps ?? BaselineSteps) / BaselineSteps))
            + (PerDoubledRank * Math.Log2((double)(parameters.Rank ?? BaselineRank) / BaselineRank))
            + (PerHalvedLearningRate * Math.Log2(BaselineLearningRate / (parameters.LearningRate ?? BaselineLearningRate)))
            + (PerDoubledReferences * Math.Log2((double)Math.Max(references, 1) / BaselineReferences));
        return Math.Clamp(fidelity, 0, 1);
    }
}
