using System.CommandLine;
using System.Globalization;
using Likeness.Cli.Commands.Deletion;
using Likeness.Cli.Hosting;
using Likeness.Core.Characters;
using Likeness.Workspace;
using Likeness.Workspace.Deletion;
using Likeness.Workspace.References;

namespace Likeness.Cli.Commands.References;

/// <summary>
/// <c>likeness reference delete ID</c> and <c>likeness reference refresh [-c|--character C] [--json]</c>: reference
/// photos are listed by <c>character show</c>.
/// </summary>
internal static class ReferenceCommand
{
    public static Command Create() => new("reference", "Manage reference photos (list them with `likeness character show`).")
    {
        DeleteCommand.Create(
            DeletionKind.Reference, "ID", "The reference's id or a unique id prefix (see `likeness character show`).",
            "Delete a reference photo and its file (a corrupt one, or one that should not be there).",
            "Delete it even when identity models were made from it or pins use it (those pins and their videos go too)."),
        Refresh(),
    };

    // The server does the same for one character when its references are listed; this does it for all at once.
    private static Command Refresh()
    {
        var character = new Option<string?>("--character", "-c") { Description = "Only this character's references (name or id); every character's without it." };
        var json = new Option<bool>("--json") { Description = "Print the counts as one JSON object." };
        var command = new Command(
            "refresh",
            "Find the face box of references checked before boxes were kept (their analysis found a face but not where), once: the box is stored, or that no face was found now. References with a box are left as they are.")
        {
            character,
            json,
        };
        command.SetGuardedAction(async (parse, ct) =>
        {
            using LikenessWorkspace workspace = await WorkspaceOption.OpenAsync(parse, ct).ConfigureAwait(false);
            Character? only = parse.GetValue(character) is { } name ? await workspace.Characters.GetAsync(name, ct).ConfigureAwait(false) : null;
            FaceBoxRefresh refresh = await workspace.FaceBoxes.RefreshAsync(only?.Id, ct).ConfigureAwait(false)
                ?? throw new CliUsageException("No face engine is installed, so no face box can be found (see `likeness faces detect`).");
            TextWriter o = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                await o.WriteLineAsync(CliJson.Serialize(new { looked_at = refresh.Filled.Count, boxed = refresh.Boxed, no_face = refresh.NoFace, unreadable = refresh.Unreadable })).ConfigureAwait(false);
            }
            else
            {
                await o.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{refresh.Filled.Count} reference(s) looked at: {refresh.Boxed} with their face box now, {refresh.NoFace} without a face found; {refresh.Unreadable} file(s) could not be read.")).ConfigureAwait(false);
            }

            return refresh.Unreadable == 0 ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }
}
