using System.CommandLine;
using System.Globalization;
using Likeness.Cli.Hosting;
using Likeness.Core.Characters;
using Likeness.Core.Identity;
using Likeness.Core.Routing;
using Likeness.Core.Scenarios;
using Likeness.Core.Shots;
using Likeness.Workspace;
using Likeness.Workspace.Gates;
using Likeness.Workspace.Routing;
using Likeness.Workspace.Shots;
using Microsoft.Extensions.DependencyInjection;

namespace Likeness.Cli.Commands.Generation;

/// <summary>
/// <c>likeness generate --character C (--prompt TEXT | --scenario NAME) [--provider P] [--n N] [--seed S]</c>; without
/// --provider, through the character's route when it has one (the next entry serves on a provider outage).
/// </summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var character = new Option<string>("--character", "-c") { Description = "Character name or id.", Required = true };
        var prompt = new Option<string?>("--prompt") { Description = "The scene; identity, traits and style are added." };
        var scenario = new Option<string?>("--scenario") { Description = $"A standard scenario: {string.Join(", ", StandardScenarios.All.Select(s => s.Name))}." };
        var provider = new Option<string?>("--provider", "-p") { Description = $"Provider (default: the character's route when it has one, else {DefaultProvider})." };
        var count = new Option<int>("--count", "-n") { Description = "Shots to make (seeds S, S+1, ...).", DefaultValueFactory = _ => 1 };
        var seed = new Option<long>("--seed") { Description = "First seed.", DefaultValueFactory = _ => 42 };
        var aspect = new Option<string?>("--aspect-ratio") { Description = "e.g. 16:9 (default: the scenario's, else 1:1)." };
        var noCache = new Option<bool>("--no-cache") { Description = "Call the provider even when the same shot is stored." };
        var json = new Option<bool>("--json") { Description = "Print one JSON line per shot." };
        var with = new Option<string[]>("--with")
        {
            Description = "Another character in the same shot (repeatable); the provider must make multi-character shots, and with --keep each is checked for bleed.",
            AllowMultipleArgumentsPerToken = false,
        };
        var gate = new GateOptions();
        var command = new Command("generate", "Generate shots of a character (served from the cache when the same request was made); with --keep, only shots that pass the character's calibrated identity gate are kept and failing ones re-rolled.")
        {
            character, prompt, scenario, provider, count, seed, aspect, noCache, json, with, gate.Keep, gate.MaxAttempts, gate.MaxCost, gate.TargetFar, gate.Preview,
        };
        command.SetGuardedAction(async (parse, ct) =>
        {
            string? scene = parse.GetValue(prompt);
            Scenario? chosen = parse.GetValue(scenario) is { } name ? StandardScenarios.Get(name) : null;
            if ((scene is null) == (chosen is null))
            {
                throw new CliUsageException("Give exactly one of --prompt and --scenario.");
            }

            if (scene is not null && string.IsNullOrWhiteSpace(scene))
            {
                throw new CliUsageException("--prompt is empty: say what the shot shows.");
            }

            int n = parse.GetValue(count);
            if (n is < 1 or > 100)
            {
                throw new CliUsageException("--count must be between 1 and 100.");
            }

            GateBounds? bounds = gate.Read(parse);
            using LikenessWorkspace workspace = await WorkspaceOption.OpenAsync(parse, ct).ConfigureAwait(false);
            var c = await workspace.Characters.GetAsync(parse.GetValue(character)!, ct).ConfigureAwait(false);
            ShotPlanner planner = workspace.Services.GetRequiredService<ShotPlanner>();
            int fromCache = 0, failed = 0;
            TextWriter o = parse.InvocationConfiguration.Output;
            var companions = new List<Character>();
            foreach (string other in parse.GetValue(with) ?? [])
            {
                companions.Add(await workspace.Characters.GetAsync(c.ProjectId, other, ct).ConfigureAwait(false));
            }

            ShotRequest RequestFor(IdentityModel identity) =>
                planner.Request(c, identity, identity.Provider, identity.Kind, scene, chosen, parse.GetValue(aspect), parse.GetValue(seed), companions);

            // A named provider, else the character's route, else the default provider.
            RouteBook routes = workspace.Services.GetRequiredService<RouteBook>();
            CharacterRoute? stored = parse.GetValue(provider) is null ? await routes.FindAsync(c.Id, ct).ConfigureAwait(false) : null;
            ShotRoute route = stored is not null
                ? await routes.PlanAsync(c, stored, RequestFor, ct).ConfigureAwait(false)
                : await SingleAsync(planner, c, parse.GetValue(provider) ?? DefaultProvider, RequestFor, ct).ConfigureAwait(false);
            RoutedIdentity firstEntry = route.Entries[0];
            if (bounds is not null)
            {
                GateRequest gated = bounds.Request(c, firstEntry.Identity, firstEntry.Shot, !parse.GetValue(noCache)) with
                {
                    Companions = companions,
                    Route = stored is null ? null : route,
                };
                int gatedExit = await GatedGenerate.RunAsync(parse, workspace, gated, parse.GetValue(json), ct).ConfigureAwait(false);
                await AutoStepAsync(parse, workspace, c, stored, ct).ConfigureAwait(false);
                return gatedExit;
            }

            RoutedShots routed = workspace.Services.GetRequiredService<RoutedShots>();
            for (int i = 0; i < n; i++)
            {
                int offset = i;
                ShotOutcome outcome = await routed.GenerateAsync(c, route, e => e.Shot with { Seed = e.Shot.Seed + offset }, !parse.GetValue(noCache), cancellationToken: ct).ConfigureAwait(false);
                fromCache += outcome.FromCache ? 1 : 0;
                failed += outcome.Shot.Status is ShotStatus.Succeeded or ShotStatus.Moderated ? 0 : 1;
                await o.WriteLineAsync(parse.GetValue(json) ? CliJson.Serialize(View(workspace, outcome)) : Line(workspace, outcome)).ConfigureAwait(false);
            }

            if (!parse.GetValue(json))
            {
                await o.WriteLineAsync($"{n} shot(s), {fromCache} from the cache (no provider call).").ConfigureAwait(false);
            }

            await AutoStepAsync(parse, workspace, c, stored, ct).ConfigureAwait(false);

            // Any shot asked for and not made fails the command, so scripts never take a failed batch for a good one.
            if (failed > 0)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"likeness: {failed} of {n} shot(s) failed.").ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The provider used when neither --provider nor a route names one.</summary>
    internal const string DefaultProvider = "sim-instant";

    /// <summary>What a route did for the shot, in words (empty without one, or when its first entry made it).</summary>
    internal static string Routed(Shot s) => s.Routing is { Skipped.Count: > 0 } r
        ? $"  [route entry {r.Entry} {r.Provider}; skipped {string.Join("; ", r.Skipped.Select(k => $"{k.Entry} {k.Provider}: {k.Reason}"))}]"
        : "";

    /// <summary>After an auto route's shots: its decision (stay, propose a training, or start one), printed to stderr so --json output stays one shot a line.</summary>
    private static async Task AutoStepAsync(ParseResult parse, LikenessWorkspace workspace, Character c, CharacterRoute? route, CancellationToken ct)
    {
        if (route is not { Policy: RoutePolicy.Auto })
        {
            return;
        }

        AutoStep? step = await workspace.Services.GetRequiredService<AutoRouter>().StepAsync(c, ct).ConfigureAwait(false);
        if (step is not null)
        {
            await parse.InvocationConfiguration.Error.WriteLineAsync($"likeness: auto route: {step.Proposal}").ConfigureAwait(false);
            if (step.Started is { } started)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(
                    $"likeness: follow it with: likeness identity resume {started.Id}; the route switches once it is ready and validated (likeness identity validate {started.Id})").ConfigureAwait(false);
            }
        }
    }

    private static async Task<ShotRoute> SingleAsync(ShotPlanner planner, Character c, string provider, Func<IdentityModel, ShotRequest> request, CancellationToken ct)
    {
        IdentityModel identity = await planner.IdentityForAsync(c, provider, ct).ConfigureAwait(false);
        return ShotRoute.Direct(identity, request(identity));
    }

    private static object View(LikenessWorkspace workspace, ShotOutcome outcome)
    {
        Shot s = outcome.Shot;
        return new
        {
            shot_id = s.Id,
            status = s.Status.ToString().ToLowerInvariant(),
            provider = s.Provider,
            seed = s.Request.Seed,
            image = s.Assets.Count > 0 ? workspace.Assets.Locate(s.Assets[0]) : null,
            latency_ms = s.LatencyMs,
            cost_usd = s.CostUsd,
            face_detected = s.Scores.FaceDetected,
            face_distance = s.Scores.FaceDistanceMean,
            cached = outcome.FromCache,
            simulated = s.Simulated,
            error = s.Error,
            verdict = s.Verdict is { } v ? GatedGenerate.Reason(v.Reason) : null,
            route = s.Routing is { } r ? new { entry = r.Entry, provider = r.Provider, skipped = r.Skipped.Select(k => new { entry = k.Entry, provider = k.Provider, reason = k.Reason }) } : null,
        };
    }

    private static string Line(LikenessWorkspace workspace, ShotOutcome outcome)
    {
        Shot s = outcome.Shot;
        if (s.Status == ShotStatus.Moderated)
        {
            return $"seed {s.Request.Seed}: {workspace.Assets.Locate(s.Assets[0])}  filtered by {s.Provider}'s moderation (paid, kept, not scored)  ${s.CostUsd:0.0000}{(outcome.FromCache ? "  (cached)" : "")}";
        }

        if (s.Status != ShotStatus.Succeeded)
        {
            return $"seed {s.Request.Seed}: failed: {s.Error}{Routed(s)}";
        }

        string distance = s.Scores.FaceDistanceMean is { } d ? d.ToString("0.000", CultureInfo.InvariantCulture) : s.Scores.FaceDetected == false ? "no face" : "n/a";
        return $"seed {s.Request.Seed}: {workspace.Assets.Locate(s.Assets[0])}  face distance {distance}  {s.LatencyMs:0} ms  ${s.CostUsd:0.0000}{(outcome.FromCache ? "  (cached)" : "")}{(s.Simulated ? "  [simulated]" : "")}{Routed(s)}";
    }
}
