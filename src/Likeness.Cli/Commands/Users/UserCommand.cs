using System.CommandLine;
using Likeness.Cli.Hosting;
using Likeness.Core.Accounts;
using Likeness.Workspace;
using Likeness.Workspace.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace Likeness.Cli.Commands.Users;

/// <summary><c>likeness user create NAME [--owner]</c>: a server user with an API token, printed once.</summary>
internal static class UserCommand
{
    public static Command Create() => new("user", "Manage the server's users.") { CreateCommand() };

    private static Command CreateCommand()
    {
        var name = new Argument<string>("NAME") { Description = "Sign-in name: letters, digits, '.', '_', '-', '@'." };
        var owner = new Option<bool>("--owner") { Description = "Make the user an administrator and an owner of the default project." };
        var command = new Command("create", "Create a server user and print an API token for it (shown this once).") { name, owner };
        command.SetGuardedAction(async (parse, ct) =>
        {
            using LikenessWorkspace workspace = await WorkspaceOption.OpenAsync(parse, ct).ConfigureAwait(false);
            bool isOwner = parse.GetValue(owner);
            User user = await workspace.Services.GetRequiredService<UserBook>().CreateAsync(parse.GetValue(name)!, null, isOwner, ct).ConfigureAwait(false);
            IssuedToken token = isOwner
                ? await workspace.Services.GetRequiredService<FirstOwner>().MakeOwnerAsync(user, ct).ConfigureAwait(false)
                : await workspace.Services.GetRequiredService<TokenBook>().IssueAsync(user.Id, "cli", ct).ConfigureAwait(false);
            TextWriter output = parse.InvocationConfiguration.Output;
            await output.WriteLineAsync($"Created user {user.Name} (id {user.Id}){(isOwner ? ", administrator and owner of the default project" : string.Empty)}.").ConfigureAwait(false);
            await output.WriteLineAsync("Its API token, shown this once (send it as 'Authorization: Bearer <token>'):").ConfigureAwait(false);
            await output.WriteLineAsync(token.Secret).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
