using Likeness.Core.Identity;
using Likeness.Core.Identity.Retraining;

namespace Likeness.Workspace.Identity.Retraining;

/// <summary>What a retrain did: the version it started from, each attempt, why it stopped, the version now in use and the money.</summary>
public sealed record RetrainReport
{
    /// <summary>The version the ladder started from (the one in use, validated first when it had no report).</summary>
    public required IdentityModel From { get; init; }

    /// <summary>The trainings, in order.</summary>
    public required IReadOnlyList<RetrainAttempt> Attempts { get; init; }

    /// <summary>Why it stopped.</summary>
    public required RetrainStop Stop { get; init; }

    /// <summary>The version in use at the provider afterwards (<see cref="VersionChoice"/>).</summary>
    public required IdentityModel? InUse { get; init; }

    /// <summary>What this retrain spent (trainings it paid for and the shots it made).</summary>
    public required decimal SpentUsd { get; init; }

    /// <summary>Its budget.</summary>
    public required decimal BudgetUsd { get; init; }

    /// <summary>What the next attempt was estimated at (training and its validation), the figure the budget is checked against.</summary>
    public required decimal AttemptEstimateUsd { get; init; }
}
