using Likeness.Core.Providers;

namespace Likeness.Core.Identity.Retraining;

/// <summary>
/// The retrain policy's ladder: from the parameters of a version validated <c>below-threshold</c>, each rung changes one
/// more thing, keeping the changes before it: <b>more steps</b> (doubled), then a <b>higher rank</b> (doubled), then a
/// <b>lower learning rate</b> (halved), each within the trainer's range, then <b>more references</b> when the character
/// has ones the version was not trained on. A rung the trainer cannot take (no such parameter, or already at its end of
/// the range) is left out, so every rung trains something different.
/// </summary>
public static class RetrainLadder
{
    /// <summary>The training parameter that records a retrain attempt's change ("more steps"...) on the version it made.</summary>
    public const string ChangeKey = "retrain";

    /// <summary>What each rung multiplies the steps by.</summary>
    public const double StepsFactor = 2;

    /// <summary>What each rung multiplies the rank by.</summary>
    public const double RankFactor = 2;

    /// <summary>What each rung multiplies the learning rate by.</summary>
    public const double LearningRateFactor = 0.5;

    /// <summary>
    /// The rungs after a version trained with <paramref name="start"/> (null values: the trainer's defaults), in order,
    /// for a trainer with <paramref name="limits"/>; <paramref name="unusedReferences"/> adds the last rung.
    /// </summary>
    public static IReadOnlyList<RetrainRung> Plan(TrainingParameters start, TrainingLimits limits, bool unusedReferences)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(limits);
        TrainingParameters current = start.WithDefaults(limits);
        var rungs = new List<RetrainRung>();
        if (limits.Steps is { } steps && current.Steps is { } s && s < steps.Max)
        {
            current = current with { Steps = (int)Math.Min(steps.Max, Math.Round(s * StepsFactor)) };
            rungs.Add(new RetrainRung(RetrainChange.MoreSteps, current));
        }

        if (limits.Rank is { } rank && current.Rank is { } r && r < rank.Max)
        {
            current = current with { Rank = (int)Math.Min(rank.Max, Math.Round(r * RankFactor)) };
            rungs.Add(new RetrainRung(RetrainChange.HigherRank, current));
        }

        if (limits.LearningRate is { } rate && current.LearningRate is { } l && l > rate.Min)
        {
            current = current with { LearningRate = Math.Max(rate.Min, l * LearningRateFactor) };
            rungs.Add(new RetrainRung(RetrainChange.LowerLearningRate, current));
        }

        if (unusedReferences)
        {
            rungs.Add(new RetrainRung(RetrainChange.MoreReferences, current));
        }

        return rungs;
    }
}
