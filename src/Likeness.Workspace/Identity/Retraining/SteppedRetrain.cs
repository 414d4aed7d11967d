using Likeness.Core.Characters;
using Likeness.Core.Gates;
using Likeness.Core.Identity;
using Likeness.Core.Identity.Retraining;
using Likeness.Workspace.Characters;
using Likeness.Workspace.Costs;
using Microsoft.Extensions.Logging;

namespace Likeness.Workspace.Identity.Retraining;

/// <summary>
/// The retrain policy for a caller that moves one step at a time and may stop between steps (the server's training
/// job). Where <see cref="Retrainer"/> follows each attempt to its end, a turn here only starts the next rung's training
/// (<see cref="IdentityManager.StartAsync(Character, string, IdentityCreation, CancellationToken)"/>, the provider job id
/// recorded before it returns); the caller follows and validates it as any training and asks for the next turn when it is
/// below the threshold. The ladder, the estimates and the attempts' trainings are the <see cref="Retrainer"/>'s.
/// </summary>
/// <remarks>
/// The state lives in the records, so a turn repeated after a crash or on another node does nothing twice: the attempts
/// made are the versions' parents (<see cref="IdentityLineage.Ancestry"/>); the budget is a <see cref="CostCap"/> that
/// admits each attempt by its number (<see cref="CostCapBook.TryAdmitInTurnAsync"/>), checking what the attempts before
/// it cost, as recorded on their versions, plus its estimate against the limit; and an attempt's training is claimed by
/// its parent and parameters, so asking for it again finds it.
/// </remarks>
public sealed partial class SteppedRetrain(Retrainer retrainer, IdentityManager identities, CharacterCatalog characters, CostCapBook caps, ILogger<SteppedRetrain> log)
{
    private readonly ILogger _log = log;

    /// <summary>The cap that holds a retrain's budget and most attempts, set before its first turn.</summary>
    public Task<CostCap> OpenAsync(Guid projectId, RetrainPolicy policy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        policy.Validate();
        return caps.CreateAsync(projectId, policy.BudgetUsd, policy.MaxAttempts, cancellationToken);
    }

    /// <summary>The retrain that led to <paramref name="model"/>: the first training, then each attempt in order, <paramref name="model"/> last.</summary>
    public async Task<IReadOnlyList<IdentityModel>> ChainAsync(IdentityModel model, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        return IdentityLineage.Ancestry(model, await identities.ListAsync(model.CharacterId, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The version in use among the character's trained versions at <paramref name="model"/>'s provider (<see cref="VersionChoice"/>).</summary>
    public async Task<IdentityModel?> InUseAsync(IdentityModel model, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        return VersionChoice.InUse((await identities.ListAsync(model.CharacterId, cancellationToken).ConfigureAwait(false))
            .Where(m => m.Kind == IdentityModelKind.Trained && m.Provider.Equals(model.Provider, StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>What the attempts of <paramref name="chain"/> cost: each attempt's training and its validation (the first training is not one).</summary>
    public static decimal SpentOn(IReadOnlyList<IdentityModel> chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        return chain.Skip(1).Sum(m => m.CostUsd + (m.Validation?.CostUsd ?? 0m));
    }

    /// <summary>
    /// After <paramref name="chain"/> (its last version validated below the threshold), starts the next attempt under
    /// <paramref name="policy"/> and the cap <paramref name="capId"/>, or says why the retrain stops: the most attempts,
    /// the ladder's end, or the budget (the attempt's estimate would pass it; nothing is started).
    /// </summary>
    public async Task<RetrainTurn> NextAsync(IReadOnlyList<IdentityModel> chain, Guid capId, RetrainPolicy policy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(policy);
        policy.Validate();
        IdentityModel start = chain[0];
        int attempt = chain.Count;
        decimal spent = SpentOn(chain);
        Character character = await characters.GetAsync(start.CharacterId.ToString(), cancellationToken).ConfigureAwait(false);
        RetrainPlan plan = await retrainer.PlanAsync(character, start, policy.Validation, cancellationToken).ConfigureAwait(false);
        RetrainTurn Stopped(RetrainStop stop, RetrainRung? rung) => new()
        {
            Attempt = attempt, Rung = rung, Stop = stop, SpentUsd = spent, AttemptEstimateUsd = plan.AttemptEstimateUsd, BudgetUsd = policy.BudgetUsd,
        };

        if (attempt > policy.MaxAttempts)
        {
            return Stopped(RetrainStop.MaxAttempts, null);
        }

        if (attempt > plan.Rungs.Count)
        {
            return Stopped(RetrainStop.LadderEnd, null);
        }

        RetrainRung rung = plan.Rungs[attempt - 1];
        if (!await caps.TryAdmitInTurnAsync(capId, attempt, spent, plan.AttemptEstimateUsd, cancellationToken).ConfigureAwait(false))
        {
            BudgetReached(_log, character.Name, start.Provider, attempt, plan.AttemptEstimateUsd, spent, policy.BudgetUsd);
            return Stopped(RetrainStop.Budget, rung);
        }

        IdentityModel started = await identities.StartAsync(
            character, start.Provider, Retrainer.AttemptOf(rung, start, chain[^1], policy.Payer), cancellationToken).ConfigureAwait(false);
        Started(_log, character.Name, start.Provider, attempt, rung.Name, started.Version);
        return new RetrainTurn
        {
            Attempt = attempt, Rung = rung, Started = started, SpentUsd = spent, AttemptEstimateUsd = plan.AttemptEstimateUsd, BudgetUsd = policy.BudgetUsd,
        };
    }

    /// <summary>Ends the retrain of <paramref name="chain"/>: its cap spends what the attempts cost and holds nothing more. Repeating it changes nothing.</summary>
    public Task<CostCap> CloseAsync(IReadOnlyList<IdentityModel> chain, Guid capId, CancellationToken cancellationToken = default) =>
        caps.CloseInTurnAsync(capId, SpentOn(chain), cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retrain of {Character} at {Provider}: attempt {Attempt} ({Change}) started as v{Version}")]
    private static partial void Started(ILogger logger, string character, string provider, int attempt, string change, int version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retrain of {Character} at {Provider} stopped before attempt {Attempt}: its ${EstimateUsd} with ${SpentUsd} spent would pass the ${BudgetUsd} budget")]
    private static partial void BudgetReached(ILogger logger, string character, string provider, int attempt, decimal estimateUsd, decimal spentUsd, decimal budgetUsd);
}
