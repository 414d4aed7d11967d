using Likeness.Core;
using Likeness.Core.Characters;
using Likeness.Core.Gates;
using Likeness.Core.Identity;
using Likeness.Core.Identity.Retraining;
using Likeness.Core.Providers;
using Likeness.Core.References;
using Likeness.Workspace.Characters;
using Likeness.Workspace.Costs;
using Likeness.Workspace.Credits;
using Likeness.Workspace.Identity.Validation;
using Microsoft.Extensions.Logging;

namespace Likeness.Workspace.Identity.Retraining;

/// <summary>
/// The retrain policy: when the character's trained version in use at a provider is validated <c>below-threshold</c>,
/// trains again up the <see cref="RetrainLadder"/>, validating each attempt, and stops at the first validated version,
/// after the most attempts, at the ladder's end, or when the next attempt's estimate (its training and its validation
/// set) would pass the budget. Each attempt is admitted against a <see cref="CostCap"/> holding the budget before it
/// starts (one conditional UPDATE, as the gate's attempts), and its paid calls go through the ledger as every call does,
/// so the budget cannot be passed, also by concurrent retrains. An attempt is claimed by its parent version and
/// parameters (<see cref="IdentityCreation.Parent"/>), so a second retrain asking the same attempt, at once or later,
/// joins or reuses it instead of paying again; its validation shots are cached shots.
/// </summary>
public sealed partial class Retrainer(
    IdentityManager identities, IdentityValidator validator, CharacterCatalog characters, ProviderRegistry providers, CostCapBook caps, ILogger<Retrainer> log)
{
    private readonly ILogger _log = log;

    /// <summary>Retrains <paramref name="character"/>'s identity at <paramref name="provider"/> under <paramref name="policy"/>.</summary>
    public async Task<RetrainReport> RetrainAsync(
        Character character, string provider, RetrainPolicy policy, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(character);
        ArgumentNullException.ThrowIfNull(policy);
        policy.Validate();
        ProviderDescriptor descriptor = providers.Describe(provider);
        if (!descriptor.Capabilities.HasFlag(ProviderCapabilities.Training))
        {
            throw new RuleViolationException($"{descriptor.DisplayName} cannot train an identity, so it cannot retrain one.") { Character = character.Name };
        }

        IdentityModel start = VersionChoice.InUse(await TrainedAsync(character, descriptor.Name, cancellationToken).ConfigureAwait(false))
            ?? throw new NotFoundException(EntityKind.Identity, descriptor.Name, $"{character.Name} has no ready trained identity at {descriptor.DisplayName} to retrain.")
            {
                Character = character.Name,
                Provider = descriptor.Name,
            };

        RetrainPlan plan = await PlanAsync(character, start, policy.Validation, cancellationToken).ConfigureAwait(false);
        decimal validation = plan.ValidationEstimateUsd;
        decimal attempt = plan.AttemptEstimateUsd;
        CostCap cap = await caps.CreateAsync(character.ProjectId, policy.BudgetUsd, maxAttempts: null, cancellationToken).ConfigureAwait(false);
        var attempts = new List<RetrainAttempt>();
        RetrainReport Report(IdentityModel from, RetrainStop stop, IdentityModel? inUse, CostCap spent) => new()
        {
            From = from, Attempts = attempts, Stop = stop, InUse = inUse, SpentUsd = spent.SpentUsd, BudgetUsd = policy.BudgetUsd, AttemptEstimateUsd = attempt,
        };

        // A version in use with no report is judged first: the ladder starts only from a measured below-threshold.
        if (start.Validation is null)
        {
            if (!await caps.TryAdmitAsync(cap.Id, validation, cancellationToken).ConfigureAwait(false))
            {
                return Report(start, RetrainStop.Budget, start, await caps.GetAsync(cap.Id, cancellationToken).ConfigureAwait(false));
            }

            progress?.Report($"validating v{start.Version}, which has no report yet");
            start = await validator.ValidateAsync(start.Id, policy.Validation, policy.Payer, cancellationToken).ConfigureAwait(false);
            await caps.SettleAsync(cap.Id, validation, start.Validation!.CostUsd, cancellationToken).ConfigureAwait(false);
        }

        progress?.Report($"v{start.Version}: {IdentityValidationText.Summary(start.Validation!)}");
        if (start.Validation!.Outcome == IdentityValidationOutcome.Validated)
        {
            return Report(start, RetrainStop.AlreadyValidated, start, await caps.GetAsync(cap.Id, cancellationToken).ConfigureAwait(false));
        }

        IReadOnlyList<RetrainRung> ladder = plan.Rungs;
        RetrainStop stopped = ladder.Count == 0 ? RetrainStop.LadderEnd : ladder.Count > policy.MaxAttempts ? RetrainStop.MaxAttempts : RetrainStop.LadderEnd;
        IdentityModel parent = start;
        foreach (RetrainRung rung in ladder.Take(policy.MaxAttempts))
        {
            if (!await caps.TryAdmitAsync(cap.Id, attempt, cancellationToken).ConfigureAwait(false))
            {
                BudgetReached(_log, character.Name, descriptor.Name, attempt, policy.BudgetUsd);
                stopped = RetrainStop.Budget;
                break;
            }

            progress?.Report($"attempt {attempts.Count + 1}: {rung.Name} ({rung.Parameters})");
            bool reused = (await TrainedAsync(character, descriptor.Name, cancellationToken).ConfigureAwait(false))
                .Any(m => m.ParentId == parent.Id && (m.Status is IdentityModelStatus.Ready or IdentityModelStatus.Training) && Matches(m, rung));
            IdentityModel model = await identities.CreateAsync(character, descriptor.Name, AttemptOf(rung, start, parent, policy.Payer), progress: null, cancellationToken).ConfigureAwait(false);

            // What this retrain paid: the training unless it was already made, and the shots its validation made.
            decimal spent = reused ? 0 : model.CostUsd;
            if (model.Status == IdentityModelStatus.Ready && model.Validation is null)
            {
                model = await validator.ValidateAsync(model.Id, policy.Validation, policy.Payer, cancellationToken).ConfigureAwait(false);
                spent += model.Validation!.CostUsd;
            }

            await caps.SettleAsync(cap.Id, attempt, spent, cancellationToken).ConfigureAwait(false);
            attempts.Add(new RetrainAttempt(rung.Name, model, spent, reused));
            Attempted(_log, character.Name, descriptor.Name, model.Version, rung.Name, model.Status, model.Validation?.Outcome, spent);
            progress?.Report($"v{model.Version} ({rung.Name}): {(model.Validation is { } v ? IdentityValidationText.Summary(v) : $"{model.Status.ToString().ToLowerInvariant()} {model.FailureReason}")}");
            if (model.Validation?.Outcome == IdentityValidationOutcome.Validated)
            {
                stopped = RetrainStop.Validated;
                break;
            }

            parent = model;
        }

        IdentityModel? inUse = VersionChoice.InUse(await TrainedAsync(character, descriptor.Name, cancellationToken).ConfigureAwait(false));
        return Report(start, stopped, inUse, await caps.GetAsync(cap.Id, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// The ladder from <paramref name="start"/> (a trained version of <paramref name="character"/>) and what each attempt
    /// is estimated at: the trainer's price and a validation set under <paramref name="validation"/>.
    /// </summary>
    public async Task<RetrainPlan> PlanAsync(Character character, IdentityModel start, ValidationPolicy validation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(character);
        ArgumentNullException.ThrowIfNull(start);
        ProviderDescriptor descriptor = providers.Describe(start.Provider);
        decimal set = await validator.EstimateAsync(start, validation, cancellationToken).ConfigureAwait(false);
        decimal attempt = descriptor.Prices.EstimateTraining(descriptor.AppFor(ProviderCapabilities.Training)) + set;
        IReadOnlyList<RetrainRung> rungs = RetrainLadder.Plan(
            TrainingParameters.Read(start.TrainingParameters), descriptor.Training, await HasUnusedReferencesAsync(character, start, descriptor, cancellationToken).ConfigureAwait(false));
        return new RetrainPlan(rungs, attempt, set);
    }

    /// <summary>
    /// The training of <paramref name="rung"/> retraining <paramref name="parent"/> (the last attempt, or <paramref name="start"/>):
    /// on the start's references unless the rung takes them all, with the start's lint override, paid by <paramref name="payer"/> too.
    /// </summary>
    public static IdentityCreation AttemptOf(RetrainRung rung, IdentityModel start, IdentityModel parent, Payer? payer)
    {
        ArgumentNullException.ThrowIfNull(rung);
        ArgumentNullException.ThrowIfNull(start);
        return new IdentityCreation
        {
            Kind = IdentityModelKind.Trained,
            Parameters = rung.Parameters,
            Parent = parent,
            Change = rung.Name,
            ReferenceIds = rung.AllReferences ? null : start.ReferenceIds,
            IgnoreLint = start.TrainingParameters.ContainsKey("lint"),
            Payer = payer,
        };
    }

    private async Task<IReadOnlyList<IdentityModel>> TrainedAsync(Character character, string provider, CancellationToken cancellationToken) =>
        [.. (await identities.ListAsync(character.Id, cancellationToken).ConfigureAwait(false))
            .Where(m => m.Kind == IdentityModelKind.Trained && m.Provider.Equals(provider, StringComparison.OrdinalIgnoreCase))];

    /// <summary>Whether the character has references (within the provider's maximum) that <paramref name="start"/> was not trained on.</summary>
    private async Task<bool> HasUnusedReferencesAsync(Character character, IdentityModel start, ProviderDescriptor descriptor, CancellationToken cancellationToken)
    {
        IReadOnlyList<ReferenceImage> references = await characters.ReferencesAsync(character.Id, cancellationToken).ConfigureAwait(false);
        return references.Take(descriptor.Limits.MaxReferences).Any(r => !start.ReferenceIds.Contains(r.Id));
    }

    private static bool Matches(IdentityModel model, RetrainRung rung) =>
        TrainingParameters.Read(model.TrainingParameters) == rung.Parameters
        && model.TrainingParameters.GetValueOrDefault(RetrainLadder.ChangeKey) == rung.Name;

    [LoggerMessage(Level = LogLevel.Information, Message = "Retrain of {Character} at {Provider}: v{Version} ({Change}) {Status}, validation {Outcome}, ${SpentUsd} spent on it")]
    private static partial void Attempted(
        ILogger logger, string character, string provider, int version, string change, IdentityModelStatus status, IdentityValidationOutcome? outcome, decimal spentUsd);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retrain of {Character} at {Provider} stopped: the next attempt (${EstimateUsd}) would pass the ${BudgetUsd} budget")]
    private static partial void BudgetReached(ILogger logger, string character, string provider, decimal estimateUsd, decimal budgetUsd);
}
