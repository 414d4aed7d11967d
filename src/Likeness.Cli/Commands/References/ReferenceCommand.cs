using System.CommandLine;
using Likeness.Cli.Commands.Deletion;
using Likeness.Workspace.Deletion;

namespace Likeness.Cli.Commands.References;

/// <summary><c>likeness reference delete</c>.</summary>
internal static class ReferenceCommand
{
    public static Command Create() => new("reference", "Manage reference photos (list them with `likeness character show`).")
    {
        DeleteCommand.Create(
            DeletionKind.Reference, "ID", "The reference's id or a unique id prefix (see `likeness character show`).",
            "Delete a reference photo and its file (a corrupt one, or one that should not be there).",
            "Delete it even when identity models were made from it or pins use it (those pins and their videos go too)."),
    };
}
