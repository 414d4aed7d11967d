using Likeness.Core.Identity;
using Likeness.Core.Identity.Retraining;

namespace Likeness.Workspace.Identity.Retraining;

/// <summary>One turn of a stepped retrain (<see cref="SteppedRetrain"/>): the attempt it started, or why the retrain stops before it.</summary>
public sealed record RetrainTurn
{
    /// <summary>The attempt's number, from 1 (the one started, or the one the retrain stopped before).</summary>
    public required int Attempt { get; init; }

    /// <summary>The rung it trains; null when the ladder or the most attempts ended the retrain.</summary>
    public RetrainRung? Rung { get; init; }

    /// <summary>The training started (recorded with its provider job id, still training); null when the retrain stops.</summary>
    public IdentityModel? Started { get; init; }

    /// <summary>Why the retrain stops; null when an attempt was started.</summary>
    public RetrainStop? Stop { get; init; }

    /// <summary>What the attempts before this one cost (their trainings and validations).</summary>
    public required decimal SpentUsd { get; init; }

    /// <summary>What an attempt is estimated at (its training and its validation set).</summary>
    public required decimal AttemptEstimateUsd { get; init; }

    /// <summary>The retrain's budget.</summary>
    public required decimal BudgetUsd { get; init; }
}
