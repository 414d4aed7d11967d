using Likeness.Core.Characters;
using Likeness.Core.Identity;
using Likeness.Core.Providers;
using Likeness.Core.Routing;
using Likeness.Core.Shots;
using Likeness.Workspace.Identity;
using Likeness.Workspace.Identity.Validation;
using Likeness.Workspace.Shots;

namespace Likeness.Workspace.Routing;

/// <summary>
/// The auto policy's step after a character's shots: measures what instant generation costs the character per kept
/// shot (the shots' charged prices and the gate's verdicts against its calibration), prices a training and its shots at
/// the route's training provider, and asks <see cref="AutoRoute.Decide"/>. A decision to train is recorded on the route
/// as a proposal, or, when the route allows it, the training is started (<see cref="IdentityManager.StartAsync(Character, string, IdentityModelKind?, Credits.Payer?, CancellationToken)"/>). The
/// route serves with the trained identity once it is ready and validated (<see cref="RouteBook.PlanAsync"/>).
/// </summary>
public sealed class AutoRouter(RouteBook routes, IdentityManager identities, ShotRunner shots, ProviderRegistry providers, TimeProvider time)
{
    /// <summary>The volume the decision projects over.</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(30);

    /// <summary>
    /// Runs the step for <paramref name="character"/>; null when it has no auto route. The route's proposal is updated
    /// and saved either way.
    /// </summary>
    public async Task<AutoStep?> StepAsync(Character character, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(character);
        CharacterRoute? route = await routes.FindAsync(character.Id, cancellationToken).ConfigureAwait(false);
        if (route is not { Policy: RoutePolicy.Auto })
        {
            return null;
        }

        AutoStep step = await DecideAsync(character, route, start: true, cancellationToken).ConfigureAwait(false);
        route.Propose(step.Proposal, time);
        await routes.SaveAsync(route, cancellationToken).ConfigureAwait(false);
        return step;
    }

    /// <summary>
    /// What the step would decide for <paramref name="character"/> now, with its numbers (the break-even, the projected
    /// kept shots), without starting a training or saving anything; null when it has no auto route. For people reading
    /// the route (the server's route, the UI's route panel).
    /// </summary>
    public async Task<AutoStep?> PreviewAsync(Character character, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(character);
        CharacterRoute? route = await routes.FindAsync(character.Id, cancellationToken).ConfigureAwait(false);
        return route is { Policy: RoutePolicy.Auto } ? await DecideAsync(character, route, start: false, cancellationToken).ConfigureAwait(false) : null;
    }

    private async Task<AutoStep> DecideAsync(Character character, CharacterRoute route, bool start, CancellationToken cancellationToken)
    {
        string? trainer = route.Entries.Select(e => e.Provider).FirstOrDefault(p => providers.Describe(p).Capabilities.HasFlag(ProviderCapabilities.Training));
        if (trainer is null)
        {
            return new AutoStep(null, "no entry of the route trains: it stays on instant generation", null);
        }

        IReadOnlyList<IdentityModel> models = await identities.ListAsync(character.Id, cancellationToken).ConfigureAwait(false);
        if (models.FirstOrDefault(m => m.Provider.Equals(trainer, StringComparison.OrdinalIgnoreCase) && m.Kind == IdentityModelKind.Trained
                && m.Status is IdentityModelStatus.Training or IdentityModelStatus.Ready) is { } latest)
        {
            return new AutoStep(null, Waiting(latest, trainer), null);
        }

        var kinds = models.ToDictionary(m => m.Id, m => m.Kind);
        var judged = (await shots.ListAsync(character.Id, cancellationToken).ConfigureAwait(false))
            .Where(s => s.Verdict is { Draft: false } && s.Status is ShotStatus.Succeeded or ShotStatus.Moderated)
            .Where(s => kinds.GetValueOrDefault(s.IdentityModelId) != IdentityModelKind.Trained)
            .ToList();
        if (judged.Count == 0)
        {
            return new AutoStep(null, "no gated instant shots yet: the pass rate is not measured", null);
        }

        int kept = judged.Count(s => s.Verdict!.Kept);
        ProviderDescriptor training = providers.Describe(trainer);
        ShotRequest typical = judged[^1].Request;
        var economics = new RouteEconomics(
            judged.Average(s => s.CostUsd), (double)kept / judged.Count,
            // A trained identity serves only once validated, so its pass rate is at least the validation's minimum.
            ShotPrice.Estimate(training, IdentityModelKind.Trained, typical), ValidationPolicy.DefaultMinPassRate,
            training.Prices.EstimateTraining(training.AppFor(ProviderCapabilities.Training)));
        AutoDecision decision = AutoRoute.Decide(economics, kept, judged[0].CreatedAt, time.GetUtcNow(), Horizon);
        if (!decision.Train)
        {
            return new AutoStep(decision, $"stays on instant generation: {decision.Reason}", null);
        }

        if (!route.AllowTrain)
        {
            return new AutoStep(decision, $"train at {trainer} (proposed; the route may not start it): {decision.Reason}", null);
        }

        if (!start)
        {
            return new AutoStep(decision, $"train at {trainer} (the route starts it after its next shots): {decision.Reason}", null);
        }

        IdentityModel started = await identities.StartAsync(character, trainer, IdentityModelKind.Trained, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new AutoStep(decision, $"training v{started.Version} at {trainer} started: {decision.Reason}", started);
    }

    private static string Waiting(IdentityModel model, string trainer) => model switch
    {
        { Status: IdentityModelStatus.Ready, Validation.Outcome: IdentityValidationOutcome.Validated } => $"on the trained identity v{model.Version} at {trainer} (validated)",
        { Status: IdentityModelStatus.Ready, Validation: { } v } => $"trained v{model.Version} at {trainer} is {v.Outcome}: it does not serve",
        { Status: IdentityModelStatus.Ready } => $"trained v{model.Version} at {trainer} is ready; it serves once validated",
        _ => $"trained v{model.Version} at {trainer} is {model.Status.ToString().ToLowerInvariant()}",
    };
}

/// <summary>What the auto policy did after a shot.</summary>
/// <param name="Decision">The numbers and the decision; null when there was nothing to decide.</param>
/// <param name="Proposal">The route's proposal, in words (stored on the route).</param>
/// <param name="Started">The training it started, when it did.</param>
public sealed record AutoStep(AutoDecision? Decision, string Proposal, IdentityModel? Started);
