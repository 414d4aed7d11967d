using Likeness.Core.Identity.Retraining;

namespace Likeness.Workspace.Identity.Retraining;

/// <summary>The attempts a retrain may make from a version, and what each is estimated at.</summary>
/// <param name="Rungs">The ladder's rungs in order (<see cref="RetrainLadder.Plan"/>); attempt n trains rung n.</param>
/// <param name="AttemptEstimateUsd">One attempt: its training and its validation set, the figure the budget is checked against.</param>
/// <param name="ValidationEstimateUsd">One validation set alone (the starting version's, when it has no report).</param>
public sealed record RetrainPlan(IReadOnlyList<RetrainRung> Rungs, decimal AttemptEstimateUsd, decimal ValidationEstimateUsd);
