using System.CommandLine;
using Likeness.Cli.Commands.Deletion;
using Likeness.Cli.Hosting;
using Likeness.Core.Identity;
using Likeness.Core.Providers;
using Likeness.Workspace;
using Likeness.Workspace.Deletion;

namespace Likeness.Cli.Commands.Identities;

/// <summary><c>likeness identity create|list|resume|delete</c>.</summary>
internal static class IdentityCommand
{
    public static Command Create() => new("identity", "Make a character's identity at a provider (instant, or trained).")
    {
        CreateCommand(),
        ListCommand(),
        ResumeCommand(),
        DeleteCommand.Create(
            DeletionKind.Identity, "ID", "The identity model's id or a unique id prefix (see `identity list`).",
            "Delete an identity model, its stored weights and the shots made with it; its costs stay in the ledger.",
            "Delete it even while it trains: the training is cancelled at its provider first."),
    };

    private static Command CreateCommand()
    {
        var character = new Option<string>("--character", "-c") { Description = "Character name or id.", Required = true };
        var provider = new Option<string>("--provider") { Description = "Provider (see `likeness providers list`).", Required = true };
        var ignoreLint = new Option<bool>("--ignore-lint") { Description = "Train even when the training set scores below the minimum (recorded on the identity)." };
        var command = new Command("create", "Register an instant identity, or train one and wait for it.") { character, provider, ignoreLint };
        command.SetGuardedAction(async (parse, ct) =>
        {
            using LikenessWorkspace workspace = await WorkspaceOption.OpenAsync(parse, ct).ConfigureAwait(false);
            var c = await workspace.Characters.GetAsync(parse.GetValue(character)!, ct).ConfigureAwait(false);
            IdentityModel model = await workspace.Identities.CreateAsync(c, parse.GetValue(provider)!, null, parse.GetValue(ignoreLint), Progress(parse), ct).ConfigureAwait(false);
            return await ReportAsync(parse, model).ConfigureAwait(false);
        });
        return command;
    }

    private static Command ListCommand()
    {
        var character = new Option<string>("--character", "-c") { Description = "Character name or id.", Required = true };
        var command = new Command("list", "List a character's identity models.") { character };
        command.SetGuardedAction(async (parse, ct) =>
        {
            using LikenessWorkspace workspace = await WorkspaceOption.OpenAsync(parse, ct).ConfigureAwait(false);
            var c = await workspace.Characters.GetAsync(parse.GetValue(character)!, ct).ConfigureAwait(false);
            foreach (IdentityModel m in await workspace.Identities.ListAsync(c.Id, ct).ConfigureAwait(false))
            {
                await parse.InvocationConfiguration.Output.WriteLineAsync($"{m.Id}  {m.Provider,-14} v{m.Version} {m.Kind,-9} {m.Status,-9} ${m.CostUsd:0.00} {m.ProviderJobId}").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command ResumeCommand()
    {
        var id = new Argument<Guid>("ID") { Description = "The identity model id (see `identity list`)." };
        var command = new Command("resume", "Follow a training recorded as in progress (e.g. after a restart) to the end.") { id };
        command.SetGuardedAction(async (parse, ct) =>
        {
            using LikenessWorkspace workspace = await WorkspaceOption.OpenAsync(parse, ct).ConfigureAwait(false);
            IdentityModel model = await workspace.Identities.ResumeAsync(parse.GetValue(id), Progress(parse), ct).ConfigureAwait(false);
            return await ReportAsync(parse, model).ConfigureAwait(false);
        });
        return command;
    }

    private static SyncProgress<TrainingProgress> Progress(ParseResult parse) => new(p =>
        parse.InvocationConfiguration.Output.WriteLine($"  {p.Status.ToString().ToLowerInvariant()}{(p.Fraction is { } f ? $" {f:P0}" : "")}{(p.LastLog is null ? "" : $"  {p.LastLog}")}"));

    private static async Task<int> ReportAsync(ParseResult parse, IdentityModel model)
    {
        string outcome = model.Status == IdentityModelStatus.Failed ? $"failed: {model.FailureReason}" : model.Status.ToString().ToLowerInvariant();
        await parse.InvocationConfiguration.Output.WriteLineAsync($"{model.Provider} v{model.Version} ({model.Kind.ToString().ToLowerInvariant()}): {outcome}, ${model.CostUsd:0.00}, id {model.Id}").ConfigureAwait(false);
        return model.Status == IdentityModelStatus.Failed ? ExitCodes.Failure : ExitCodes.Success;
    }
}
