using System.CommandLine;
using System.Globalization;
using Likeness.Cli.Hosting;
using Likeness.Core.Characters;
using Likeness.Core.Identity;
using Likeness.Core.Scenarios;
using Likeness.Core.Shots;
using Likeness.Workspace;
using Likeness.Workspace.Gates;
using Likeness.Workspace.Shots;
using Microsoft.Extensions.DependencyInjection;

namespace Likeness.Cli.Commands.Generation;

/// <summary><c>likeness generate --character C (--prompt TEXT | --scenario NAME) [--provider P] [--n N] [--seed S]</c>.</summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var character = new Option<string>("--character", "-c") { Description = "Character name or id.", Required = true };
        var prompt = new Option<string?>("--prompt") { Description = "The scene; identity, traits and style are added." };
        var scenario = new Option<string?>("--scenario") { Description = $"A standard scenario: {string.Join(", ", StandardScenarios.All.Select(s => s.Name))}." };
        var provider = new Option<string>("--provider") { Description = "Provider.", DefaultValueFactory = _ => "sim-instant" };
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
                throw new CliUsageException("--n must be between 1 and 100.");
            }

            GateBounds? bounds = gate.Read(parse);
            using LikenessWorkspace workspace = await WorkspaceOption.OpenAsync(parse, ct).ConfigureAwait(false);
            var c = await workspace.Characters.GetAsync(parse.GetValue(character)!, ct).ConfigureAwait(false);
            string providerName = parse.GetValue(provider)!;
            ShotPlanner planner = workspace.Services.GetRequiredService<ShotPlanner>();
            IdentityModel identity = await planner.IdentityForAsync(c, providerName, ct).ConfigureAwait(false);
            int fromCache = 0, failed = 0;
            TextWriter o = parse.InvocationConfiguration.Output;
            var companions = new List<Character>();
            foreach (string other in parse.GetValue(with) ?? [])
            {
                companions.Add(await workspace.Characters.GetAsync(c.ProjectId, other, ct).ConfigureAwait(false));
            }

            ShotRequest first = planner.Request(c, identity, providerName, identity.Kind, scene, chosen, parse.GetValue(aspect), parse.GetValue(seed), companions);
            if (bounds is not null)
            {
                GateRequest gated = bounds.Request(c, identity, first, !parse.GetValue(noCache)) with { Companions = companions };
                return await GatedGenerate.RunAsync(parse, workspace, gated, parse.GetValue(json), ct).ConfigureAwait(false);
            }

            for (int i = 0; i < n; i++)
            {
                ShotRequest request = first with { Seed = first.Seed + i };
                ShotOutcome outcome = await workspace.Shots.GenerateAsync(c, identity, request, !parse.GetValue(noCache), cancellationToken: ct).ConfigureAwait(false);
                fromCache += outcome.FromCache ? 1 : 0;
                failed += outcome.Shot.Status is ShotStatus.Succeeded or ShotStatus.Moderated ? 0 : 1;
                await o.WriteLineAsync(parse.GetValue(json) ? CliJson.Serialize(View(workspace, outcome)) : Line(workspace, outcome)).ConfigureAwait(false);
            }

            if (!parse.GetValue(json))
            {
                await o.WriteLineAsync($"{n} shot(s), {fromCache} from the cache (no provider call).").ConfigureAwait(false);
            }

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
            return $"seed {s.Request.Seed}: failed: {s.Error}";
        }

        string distance = s.Scores.FaceDistanceMean is { } d ? d.ToString("0.000", CultureInfo.InvariantCulture) : s.Scores.FaceDetected == false ? "no face" : "n/a";
        return $"seed {s.Request.Seed}: {workspace.Assets.Locate(s.Assets[0])}  face distance {distance}  {s.LatencyMs:0} ms  ${s.CostUsd:0.0000}{(outcome.FromCache ? "  (cached)" : "")}{(s.Simulated ? "  [simulated]" : "")}";
    }
}
