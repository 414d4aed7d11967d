using System.Globalization;
using Likeness.Core.Identity;
using Likeness.Core.Identity.Retraining;
using Likeness.Workspace.Identity.Retraining;

namespace Likeness.Server.Jobs.Training;

/// <summary>What a retraining job's progress message says: which attempt it is and why, or why the retrain stopped.</summary>
internal static class RetrainMessages
{
    /// <summary>"retrain attempt 2 of at most 4: higher rank (steps 2000, rank 32) because v2 is below the threshold (3/15 kept, 20 % against 90 %); ..."</summary>
    public static string Started(RetrainTurn turn, int maxAttempts, IdentityModel below, IdentityModel started)
    {
        IdentityValidation v = below.Validation!;
        RetrainRung rung = turn.Rung!;
        return string.Create(CultureInfo.InvariantCulture,
            $"retrain attempt {turn.Attempt} of at most {maxAttempts}: {rung.Name} ({rung.Parameters}) because v{below.Version} is below the threshold ({v.Passed}/{v.Attempts} kept, {v.PassRate:P0} against {v.MinPassRate:P0}); estimated at ${turn.AttemptEstimateUsd:0.00}, ${turn.SpentUsd:0.00} of the ${turn.BudgetUsd:0.00} retrain budget spent so far; training v{started.Version} at {started.Provider}");
    }

    /// <summary>While the last attempt of <paramref name="chain"/> trains: "retrain attempt 1 of at most 4 (more steps; v1 kept 0 %, below 90 %), v2: " before the provider's progress.</summary>
    public static string Training(IReadOnlyList<IdentityModel> chain, int maxAttempts)
    {
        IdentityModel model = chain[^1], below = chain[^2];
        string why = below.Validation is { } v
            ? string.Create(CultureInfo.InvariantCulture, $"; v{below.Version} kept {v.PassRate:P0}, below {v.MinPassRate:P0}")
            : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"retrain attempt {chain.Count - 1} of at most {maxAttempts} ({model.TrainingParameters.GetValueOrDefault(RetrainLadder.ChangeKey) ?? "retrain"}{why}), v{model.Version}: ");
    }

    /// <summary>
    /// Why the retrain of <paramref name="chain"/> ended (its last version validated, failed, or not judged), or why it
    /// stopped before <paramref name="turn"/>'s attempt; what it spent of <paramref name="budgetUsd"/>; the version in use.
    /// </summary>
    public static string Ended(IReadOnlyList<IdentityModel> chain, RetrainTurn? turn, decimal budgetUsd, IdentityModel? inUse)
    {
        int made = chain.Count - 1;
        string change = chain[^1].TrainingParameters.GetValueOrDefault(RetrainLadder.ChangeKey) ?? "retrain";
        string why = turn?.Stop switch
        {
            RetrainStop.Budget => BudgetStop(turn!),
            RetrainStop.MaxAttempts => $"retrain stopped after {made} attempt(s), the most asked for",
            RetrainStop.LadderEnd => $"retrain stopped after {made} attempt(s): the ladder has no rung left for this trainer",
            _ when made == 0 => "nothing retrained",
            _ when chain[^1].Validation?.Outcome == IdentityValidationOutcome.Validated => $"retrain attempt {made} ({change}) validated",
            _ => $"retrain ended at attempt {made} ({change})",
        };
        return string.Create(CultureInfo.InvariantCulture,
            $"{why}; ${SteppedRetrain.SpentOn(chain):0.00} of the ${budgetUsd:0.00} retrain budget spent{(inUse is null ? "" : $"; v{inUse.Version} in use")}");
    }

    private static string BudgetStop(RetrainTurn turn) => string.Create(CultureInfo.InvariantCulture,
        $"retrain stopped before attempt {turn.Attempt} ({turn.Rung?.Name}): it is estimated at ${turn.AttemptEstimateUsd:0.00} and ${turn.BudgetUsd - turn.SpentUsd:0.00} of the ${turn.BudgetUsd:0.00} budget is left");
}
