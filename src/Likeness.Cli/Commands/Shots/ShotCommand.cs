using System.CommandLine;
using Likeness.Cli.Commands.Deletion;
using Likeness.Workspace.Deletion;

namespace Likeness.Cli.Commands.Shots;

/// <summary><c>likeness shot delete</c>.</summary>
internal static class ShotCommand
{
    public static Command Create() => new("shot", "Manage generated shots.")
    {
        DeleteCommand.Create(
            DeletionKind.Shot, "ID", "The shot's id or a unique id prefix.",
            "Delete a shot and its images (those no other shot uses); its cost stays in the ledger.", forceHelp: null),
    };
}
