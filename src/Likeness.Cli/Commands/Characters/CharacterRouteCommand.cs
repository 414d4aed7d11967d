using System.CommandLine;
using Likeness.Cli.Hosting;
using Likeness.Core.Characters;
using Likeness.Core.Routing;
using Likeness.Workspace;
using Likeness.Workspace.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Likeness.Cli.Commands.Characters;

/// <summary>
/// <c>likeness character route set NAME --policy fixed|fallback|auto --via P1,P2 [--allow-train]</c> and
/// <c>likeness character route show NAME [--json]</c>: the identities a character's shots are made with when
/// <c>generate</c> names no provider.
/// </summary>
internal static class CharacterRouteCommand
{
    public static Command Create() => new("route", "Give a character a route (ordered identities and a policy) used when generate names no --provider.")
    {
        SetCommand(),
        ShowCommand(),
    };

    private static Command SetCommand()
    {
        var name = new Argument<string>("NAME") { Description = "Name or id." };
        var policy = new Option<string>("--policy")
        {
            Description = "fixed (always the first entry), fallback (the next entry serves when a provider is out) or auto (fallback, and trains when that is cheaper per kept shot).",
            DefaultValueFactory = _ => "fallback",
        };
        policy.AcceptOnlyFromAmong("fixed", "fallback", "auto");
        var via = new Option<string>("--via")
        {
            Description = "The entries in order, comma-separated: provider names (each uses its identity in use) or identity model ids.",
            Required = true,
        };
        var allowTrain = new Option<bool>("--allow-train") { Description = "With --policy auto: start the training the route decides on, instead of proposing it." };
        var command = new Command("set", "Set (or replace) a character's route.") { name, policy, via, allowTrain };
        command.SetGuardedAction(async (parse, ct) =>
        {
            using LikenessWorkspace workspace = await WorkspaceOption.OpenAsync(parse, ct).ConfigureAwait(false);
            Character c = await workspace.Characters.GetAsync(parse.GetValue(name)!, ct).ConfigureAwait(false);
            var entries = new List<RouteEntry>();
            foreach (string token in parse.GetValue(via)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                entries.Add(Guid.TryParse(token, out Guid id)
                    ? new RouteEntry((await workspace.Identities.GetAsync(c.Id, id, ct).ConfigureAwait(false)).Provider, id)
                    : new RouteEntry(token));
            }

            RoutePolicy chosen = Enum.Parse<RoutePolicy>(parse.GetValue(policy)!, ignoreCase: true);
            CharacterRoute route = await workspace.Services.GetRequiredService<RouteBook>()
                .SetAsync(c, chosen, entries, parse.GetValue(allowTrain), ct).ConfigureAwait(false);
            await parse.InvocationConfiguration.Output.WriteLineAsync($"{c.Name}: route {Describe(route)}").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command ShowCommand()
    {
        var name = new Argument<string>("NAME") { Description = "Name or id." };
        var json = new Option<bool>("--json") { Description = "Print the route as JSON." };
        var command = new Command("show", "Show a character's route: its policy, its entries with the identity each uses now, and the auto policy's proposal.") { name, json };
        command.SetGuardedAction(async (parse, ct) =>
        {
            using LikenessWorkspace workspace = await WorkspaceOption.OpenAsync(parse, ct).ConfigureAwait(false);
            Character c = await workspace.Characters.GetAsync(parse.GetValue(name)!, ct).ConfigureAwait(false);
            RouteBook routes = workspace.Services.GetRequiredService<RouteBook>();
            CharacterRoute route = await routes.GetAsync(c, ct).ConfigureAwait(false);
            IReadOnlyList<RouteEntryInUse> rows = await routes.EntriesAsync(c, route, ct).ConfigureAwait(false);

            TextWriter o = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                await o.WriteLineAsync(CliJson.Serialize(new
                {
                    character = c.Name,
                    policy = route.Policy.ToString().ToLowerInvariant(),
                    allow_train = route.AllowTrain,
                    entries = rows.Select(r => new
                    {
                        entry = r.Entry,
                        provider = r.Route.Provider,
                        pinned = r.Route.IdentityModelId,
                        identity = r.InUse is { } m ? new { id = m.Id, version = m.Version, kind = m.Kind.ToString().ToLowerInvariant(), status = m.Status.ToString().ToLowerInvariant() } : null,
                    }),
                    proposal = route.Proposal,
                })).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            await o.WriteLineAsync($"{c.Name}: route {Describe(route)}").ConfigureAwait(false);
            foreach (var (entry, e, inUse) in rows)
            {
                string identity = inUse is { } m
                    ? $"v{m.Version} {m.Kind.ToString().ToLowerInvariant()} {m.Status.ToString().ToLowerInvariant()}{(m.Validation is { } v ? $", {v.Outcome}" : "")}  {m.Id}"
                    : "no ready identity (skipped until one is trained; a provider that needs no training makes one at the first shot)";
                await o.WriteLineAsync($"  {entry}. {e.Provider,-14} {(e.IdentityModelId is null ? "in use: " : "pinned: ")}{identity}").ConfigureAwait(false);
            }

            if (route.Proposal is { } proposal)
            {
                await o.WriteLineAsync($"auto: {proposal}").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static string Describe(CharacterRoute route) =>
        $"{route.Policy.ToString().ToLowerInvariant()} via {string.Join(", ", route.Entries.Select(e => e.IdentityModelId is { } id ? $"{e.Provider}:{id}" : e.Provider))}{(route.AllowTrain ? " (may train)" : "")}";
}
