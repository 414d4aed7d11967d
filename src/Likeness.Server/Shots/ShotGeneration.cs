using Likeness.Core.Characters;
using Likeness.Core.Identity;
using Likeness.Core.Routing;
using Likeness.Core.Scenarios;
using Likeness.Core.Shots;
using Likeness.Server.Auth;
using Likeness.Server.Credits;
using Likeness.Server.Problems;
using Likeness.Workspace.Characters;
using Likeness.Workspace.Credits;
using Likeness.Workspace.Routing;
using Likeness.Workspace.Shots;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Likeness.Server.Shots;

/// <summary>
/// <c>POST …/characters/{character}/shots</c> (artists): one shot, synchronously, at the named provider or through the
/// character's route, by the shot runner (cache, ledger reservation against the project's budget and the caller's
/// credits and role quotas, provider, storage, scores). Batches are background jobs.
/// </summary>
internal static class ShotGeneration
{
    public static async Task<Created<GeneratedShotResponse>> GenerateAsync(
        Guid project, string character, GenerateShotRequest request, HttpContext context, IOptions<QuotaOptions> quotas,
        CharacterCatalog characters, ShotPlanner planner, ShotRunner shots, RouteBook routes, RoutedShots routed, CancellationToken cancellationToken)
    {
        Character c = await characters.GetAsync(project, character, cancellationToken).ConfigureAwait(false);
        Scenario? scenario = request.Scenario is { } name ? StandardScenarios.Get(name) : null;
        Payer payer = quotas.Value.PayerFor(context.User.UserId(), ProjectAccess.RoleOf(context));
        ShotRequest For(IdentityModel identity) =>
            planner.Request(c, identity, identity.Provider, identity.Kind, request.Prompt, scenario, request.AspectRatio, request.Seed ?? 42);

        // No provider named: the character's route serves (the next entry on a provider outage), as the CLI's generate does.
        CharacterRoute? stored = string.IsNullOrWhiteSpace(request.Provider) ? await routes.FindAsync(c.Id, cancellationToken).ConfigureAwait(false) : null;
        ShotOutcome outcome;
        if (stored is not null)
        {
            ShotRoute route = await routes.PlanAsync(c, stored, For, cancellationToken).ConfigureAwait(false);
            route.Serving[0].Shot.Validate();
            outcome = await routed.GenerateAsync(c, route, e => e.Shot, request.UseCache ?? true, payer, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            string provider = Require.Text(request.Provider, "provider", 100);
            // The request is checked before an instant identity is made for it.
            planner.Request(c, null, provider, IdentityModelKind.Reference, request.Prompt, scenario, request.AspectRatio, request.Seed ?? 42).Validate();
            IdentityModel identity = await planner.IdentityForAsync(c, provider, cancellationToken).ConfigureAwait(false);
            outcome = await shots.GenerateAsync(c, identity, For(identity), request.UseCache ?? true, payer, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        return TypedResults.Created(
            $"/api/projects/{project}/characters/{c.Id}/shots/{outcome.Shot.Id}", new GeneratedShotResponse(ShotResponse.From(outcome.Shot), outcome.FromCache));
    }
}

/// <summary>Generate one shot.</summary>
/// <param name="Provider">The provider (<c>GET /api/providers</c>); leave it out to use the character's route (<c>…/route</c>).</param>
/// <param name="Prompt">The scene; the character's identity, traits and style are added. Give this or <paramref name="Scenario"/>.</param>
/// <param name="Scenario">A standard scenario by name.</param>
/// <param name="AspectRatio">e.g. 16:9 (default: the scenario's, else 1:1).</param>
/// <param name="Seed">The seed (default 42).</param>
/// <param name="UseCache">Serve the same request from the store (default true).</param>
public sealed record GenerateShotRequest(string? Provider, string? Prompt, string? Scenario, string? AspectRatio, long? Seed, bool? UseCache);

/// <summary>A shot made (or served from the cache).</summary>
/// <param name="Shot">The shot.</param>
/// <param name="FromCache">Whether it came from the store without a provider call.</param>
public sealed record GeneratedShotResponse(ShotResponse Shot, bool FromCache);
