using Likeness.Core.Characters;
using Likeness.Core.Identity;
using Likeness.Core.Routing;
using Likeness.Core.Scenarios;
using Likeness.Testing;
using Likeness.Workspace.Gates;
using Likeness.Workspace.Identity.Validation;
using Likeness.Workspace.Persistence;
using Likeness.Workspace.Routing;
using Likeness.Workspace.Shots;
using Likeness.Workspace.Tests.Gates;
using Microsoft.Extensions.DependencyInjection;

namespace Likeness.Workspace.Tests.Routing;

/// <summary>
/// The auto policy on the sim with a manual clock: a lead with many kept shots a day trains once the measured numbers
/// say it pays, and switches only when the trained identity is ready and validated; a secondary with few stays instant.
/// </summary>
public sealed class AutoRouteTests
{
    [Fact]
    public async Task The_lead_trains_and_switches_once_validated_and_the_secondary_stays_on_instant_generation()
    {
        var time = new ManualTime();
        // Instant at $0.01 keeping about 60 %; a trainer at $1 a training and $0.004 a shot.
        await using CastWorkspace cast = await GateCast.CreateAsync(
            DatabaseKind.Sqlite, [GateCast.Profile(0.6), GateCast.Trainer("sim-train", 0.95) with { PricePerImageUsd = 0.004m }], GateCast.FaceApiPhotos, time);
        IServiceProvider services = cast.Workspace.Services;
        RouteBook routes = services.GetRequiredService<RouteBook>();
        AutoRouter auto = services.GetRequiredService<AutoRouter>();
        ShotPlanner planner = services.GetRequiredService<ShotPlanner>();
        RouteEntry[] via = [new("sim-gate"), new("sim-train")];
        await routes.SetAsync(cast.Obama, RoutePolicy.Auto, via, allowTrain: true);
        await routes.SetAsync(cast.Biden, RoutePolicy.Auto, via, allowTrain: true);

        async Task<GateResult> KeepAsync(Character c, int keep, long seed)
        {
            ShotRoute plan = await routes.PlanAsync(c, (await routes.FindAsync(c.Id))!, id =>
                planner.Request(c, id, id.Provider, id.Kind, null, StandardScenarios.Get("close-up-portrait"), null, seed) with { Width = 320, Height = 384 });
            return await cast.Workspace.Gate.RunAsync(new GateRequest
            {
                Character = c, Identity = plan.Entries[0].Identity, Shot = plan.Entries[0].Shot, Route = plan,
                Keep = keep, MaxAttempts = 6 * keep, MaxCostUsd = 5m, TargetFalseAcceptRate = 0.05,
            });
        }

        // Day 1: the lead keeps 8 on instant generation; 8 a day is 240 over the 30-day horizon, past the break-even.
        GateResult first = await KeepAsync(cast.Obama, 8, 100);
        Assert.Equal(8, first.Kept.Count);
        Assert.All(first.Kept.Concat(first.Rejected), s => Assert.Equal("sim-gate", s.Provider));
        AutoStep lead = (await auto.StepAsync(cast.Obama))!;
        Assert.True(lead.Decision!.Train, lead.Proposal);
        IdentityModel training = lead.Started!;
        Assert.Equal(("sim-train", IdentityModelStatus.Training), (training.Provider, training.Status));
        Assert.StartsWith("training v1 at sim-train started", (await routes.FindAsync(cast.Obama.Id))!.Proposal, StringComparison.Ordinal);

        // Ready is not enough: until it is validated the route keeps serving with instant generation.
        time.Advance(TimeSpan.FromMinutes(1));
        IdentityModel ready = await cast.Workspace.Identities.ResumeAsync(training.Id);
        Assert.Equal(IdentityModelStatus.Ready, ready.Status);
        ShotRoute waiting = await routes.PlanAsync(cast.Obama, (await routes.FindAsync(cast.Obama.Id))!, id => planner.Request(cast.Obama, id, id.Provider, id.Kind, "a walk", null, null, 1));
        Assert.Equal("sim-gate", Assert.Single(waiting.Entries).Identity.Provider);
        Assert.Equal("trained v1 is not validated", Assert.Single(waiting.Unready).Reason);
        Assert.Contains("serves once validated", (await auto.StepAsync(cast.Obama))!.Proposal, StringComparison.Ordinal);

        IdentityModel validated = await services.GetRequiredService<IdentityValidator>().ValidateAsync(
            ready.Id, new ValidationPolicy { Seeds = 2, MinPassRate = 0.6, TargetFalseAcceptRate = 0.05 });
        Assert.Equal(IdentityValidationOutcome.Validated, validated.Validation!.Outcome);

        // Validated: the trained identity serves first (route entry 2), instant generation is its fallback.
        time.Advance(TimeSpan.FromHours(1));
        GateResult switched = await KeepAsync(cast.Obama, 2, 200);
        Assert.Equal(2, switched.Kept.Count);
        Assert.All(switched.Kept, s => Assert.Equal(("sim-train", 2), (s.Provider, s.Routing!.Entry)));
        Assert.StartsWith("on the trained identity v1 at sim-train (validated)", (await auto.StepAsync(cast.Obama))!.Proposal, StringComparison.Ordinal);

        // The secondary: 5 kept over 20 days is 7.5 expected in 30, far under the break-even: no training.
        Assert.Equal(5, (await KeepAsync(cast.Biden, 5, 300)).Kept.Count);
        time.Advance(TimeSpan.FromDays(20));
        AutoStep secondary = (await auto.StepAsync(cast.Biden))!;
        Assert.False(secondary.Decision!.Train, secondary.Proposal);
        Assert.Null(secondary.Started);
        Assert.StartsWith("stays on instant generation", (await routes.FindAsync(cast.Biden.Id))!.Proposal, StringComparison.Ordinal);
        Assert.DoesNotContain(await cast.Workspace.Identities.ListAsync(cast.Biden.Id), m => m.Kind == IdentityModelKind.Trained);
    }
}
