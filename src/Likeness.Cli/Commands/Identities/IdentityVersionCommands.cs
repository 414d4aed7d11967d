using System.CommandLine;
using Likeness.Cli.Hosting;
using Likeness.Core.Identity;
using Likeness.Workspace;
using Likeness.Workspace.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Likeness.Cli.Commands.Identities;

/// <summary>
/// <c>likeness identity use ID</c>, <c>identity rollback -c NAME --provider P</c> and <c>identity archive ID</c>: a
/// person's say over which version is in use at a provider (the same <see cref="IdentityVersions"/> as the server's).
/// </summary>
internal static class IdentityVersionCommands
{
    public static Command Use() => ById(
        "use", "Put a ready version in use at its provider, over the automatic choice (the best validated).",
        "The ready identity model to put in use at its provider (see `identity list`).", "in use", (versions, m, ct) => versions.ChooseAsync(m.CharacterId, m.Id, ct));

    public static Command Archive() => ById(
        "archive", "Retire a version: kept for its history, never in use again.",
        "The ready or failed identity model to archive (see `identity list`).", "archived", (versions, m, ct) => versions.ArchiveAsync(m.CharacterId, m.Id, ct));

    public static Command RollBack()
    {
        var character = new Option<string>("--character", "-c") { Description = "Character name or id.", Required = true };
        var provider = new Option<string>("--provider") { Description = "The provider whose version in use goes back one.", Required = true };
        var command = new Command("rollback", "Put the ready version before the one in use at a provider in use.") { character, provider };
        command.SetGuardedAction(async (parse, ct) =>
        {
            using LikenessWorkspace workspace = await WorkspaceOption.OpenAsync(parse, ct).ConfigureAwait(false);
            var c = await workspace.Characters.GetAsync(parse.GetValue(character)!, ct).ConfigureAwait(false);
            IdentityModel model = await workspace.Services.GetRequiredService<IdentityVersions>().RollBackAsync(c.Id, parse.GetValue(provider)!, ct).ConfigureAwait(false);
            return await WriteAsync(parse, "rolled back to; in use", model).ConfigureAwait(false);
        });
        return command;
    }

    // A change to one version named by id (its character is the version's own).
    private static Command ById(
        string name, string description, string idDescription, string what, Func<IdentityVersions, IdentityModel, CancellationToken, Task<IdentityModel>> change)
    {
        var id = new Argument<Guid>("ID") { Description = idDescription };
        var command = new Command(name, description) { id };
        command.SetGuardedAction(async (parse, ct) =>
        {
            using LikenessWorkspace workspace = await WorkspaceOption.OpenAsync(parse, ct).ConfigureAwait(false);
            IdentityModel model = await workspace.Identities.GetAsync(parse.GetValue(id), ct).ConfigureAwait(false);
            model = await change(workspace.Services.GetRequiredService<IdentityVersions>(), model, ct).ConfigureAwait(false);
            return await WriteAsync(parse, what, model).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> WriteAsync(ParseResult parse, string what, IdentityModel model)
    {
        await parse.InvocationConfiguration.Output.WriteLineAsync($"{model.Provider} v{model.Version}: {what}, id {model.Id}").ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
