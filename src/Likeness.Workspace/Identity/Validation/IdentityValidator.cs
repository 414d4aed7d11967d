using Likeness.Core;
using Likeness.Core.Characters;
using Likeness.Core.Gates;
using Likeness.Core.Identity;
using Likeness.Core.Scenarios;
using Likeness.Core.Shots;
using Likeness.Core.Studies.Statistics;
using Likeness.Workspace.Characters;
using Likeness.Workspace.Costs;
using Likeness.Workspace.Credits;
using Likeness.Workspace.Gates;
using Likeness.Workspace.Shots;

namespace Likeness.Workspace.Identity.Validation;

/// <summary>
/// Post-training validation: makes the fixed validation set with a ready identity (each standard scenario at the
/// policy's seeds), gates every shot once against the character's calibration under one cost cap for the whole set,
/// and stores the report on the identity as <c>validated</c> or <c>below-threshold</c>. The set's shots are ordinary
/// cached shots, so a validation repeated after a crash pays only for the shots it had not made.
/// </summary>
public sealed class IdentityValidator(IdentityManager identities, CharacterCatalog characters, ShotPlanner planner, ShotRunner shots, ShotGate gate, CostCapBook caps, TimeProvider time)
{
    /// <summary>
    /// Validates <paramref name="identityModelId"/> (again, when it was already) and returns it with its report; its shots
    /// are charged to <paramref name="payer"/>'s credits too, when given.
    /// </summary>
    public async Task<IdentityModel> ValidateAsync(Guid identityModelId, ValidationPolicy? policy = null, Payer? payer = null, CancellationToken cancellationToken = default)
    {
        policy ??= new ValidationPolicy();
        policy.Validate();
        IdentityModel model = await identities.GetAsync(identityModelId, cancellationToken).ConfigureAwait(false);
        if (model.Status != IdentityModelStatus.Ready)
        {
            throw new RuleViolationException($"Identity model v{model.Version} at {model.Provider} is {model.Status.ToString().ToLowerInvariant()}; only a ready one is validated.", DomainRules.IdentityNotReady);
        }

        Character character = await characters.GetAsync(model.CharacterId.ToString(), cancellationToken).ConfigureAwait(false);
        var set = Set(character, model, policy);
        decimal limit = Limit(model, set, policy);
        CostCap cap = await caps.CreateAsync(character.ProjectId, limit, set.Count, cancellationToken).ConfigureAwait(false);

        var byScenario = StandardScenarios.All.ToDictionary(s => s.Name, _ => new int[2], StringComparer.Ordinal);
        int passed = 0, judged = 0;
        decimal spent = 0;
        CharacterCalibration? calibration = null;
        string? note = null;
        foreach (var (scenario, shot) in set)
        {
            GateResult result = await gate.RunAsync(new GateRequest
            {
                Character = character, Identity = model, Shot = shot, Keep = 1, MaxAttempts = 1, CapId = cap.Id,
                TargetFalseAcceptRate = policy.TargetFalseAcceptRate, Payer = payer,
            }, cancellationToken: cancellationToken).ConfigureAwait(false);
            calibration = result.Calibration;
            spent += result.SpentUsd;
            if (result.Stop == GateStop.CostCap)
            {
                note = $"stopped by the cost cap (${limit:0.0000}) after {judged} of {set.Count} shots";
                break;
            }

            // A failed call says nothing about the identity: it is not counted.
            if ((result.Kept.Count > 0 ? result.Kept : result.Rejected).Single().Verdict!.Reason == VerdictReason.Failed)
            {
                continue;
            }

            judged++;
            byScenario[scenario.Name][1]++;
            if (result.Kept.Count > 0)
            {
                passed++;
                byScenario[scenario.Name][0]++;
            }
        }

        Interval interval = Wilson.Interval(passed, judged) ?? new Interval(0, 1);
        double rate = judged > 0 ? (double)passed / judged : 0;
        var report = new IdentityValidation
        {
            Outcome = judged > 0 && rate >= policy.MinPassRate ? IdentityValidationOutcome.Validated : IdentityValidationOutcome.BelowThreshold,
            Attempts = judged,
            Passed = passed,
            PassRateLow = interval.Low,
            PassRateHigh = interval.High,
            MinPassRate = policy.MinPassRate,
            ByScenario = byScenario,
            CalibrationId = calibration!.Id,
            CalibrationVersion = calibration.Version,
            Threshold = calibration.Threshold!.Value,
            CostUsd = spent,
            Note = note,
            ValidatedAt = time.GetUtcNow(),
        };
        return await identities.SetValidationAsync(model.Id, report, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The most a validation of <paramref name="model"/> under <paramref name="policy"/> may spend: its cap.</summary>
    public async Task<decimal> EstimateAsync(IdentityModel model, ValidationPolicy? policy = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        policy ??= new ValidationPolicy();
        policy.Validate();
        Character character = await characters.GetAsync(model.CharacterId.ToString(), cancellationToken).ConfigureAwait(false);
        return Limit(model, Set(character, model, policy), policy);
    }

    /// <summary>The fixed set: each standard scenario at the policy's seeds.</summary>
    private List<(Scenario Scenario, ShotRequest Shot)> Set(Character character, IdentityModel model, ValidationPolicy policy) =>
        [.. StandardScenarios.All.SelectMany(s => Enumerable.Range(0, policy.Seeds)
            .Select(i => (Scenario: s, Shot: planner.Request(character, model, model.Provider, model.Kind, null, s, null, policy.FirstSeed + i))))];

    /// <summary>The set's cap: the policy's, else the estimates (the cap rounds its limit down and each estimate up, so they are rounded up here).</summary>
    private decimal Limit(IdentityModel model, List<(Scenario Scenario, ShotRequest Shot)> set, ValidationPolicy policy) =>
        policy.MaxCostUsd ?? set.Sum(x => CostCap.ToMicros(shots.Estimate(model, x.Shot), up: true)) / 1_000_000m;
}
