using System.CommandLine;
using System.Globalization;
using Likeness.Cli.Hosting;
using Likeness.Core.Videos;
using Likeness.Workspace;

namespace Likeness.Cli.Commands.Videos;

/// <summary><c>likeness video list -c C [--json]</c>: a character's videos with their cost and identity check.</summary>
internal static class VideoListCommand
{
    public static Command Create()
    {
        var character = new Option<string>("--character", "-c") { Description = "Character name or id.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print a JSON array." };
        var command = new Command("list", "List a character's videos, oldest first: status, length, cost, and how well each kept the character.") { character, json };
        command.SetGuardedAction(async (parse, ct) =>
        {
            using LikenessWorkspace workspace = await WorkspaceOption.OpenAsync(parse, ct).ConfigureAwait(false);
            var c = await workspace.Characters.GetAsync(parse.GetValue(character)!, ct).ConfigureAwait(false);
            IReadOnlyList<Video> videos = await workspace.Videos.ListAsync(c.Id, ct).ConfigureAwait(false);
            TextWriter o = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                await o.WriteLineAsync(CliJson.Serialize(videos.Select(VideoJson.Of))).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            foreach (Video v in videos)
            {
                await o.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{v.Id}  {v.Provider,-14} {v.Status.ToString().ToLowerInvariant(),-9} {v.ActualSeconds ?? v.DurationSeconds,4:0.#} s  ${v.CostUsd:0.000}  {VideoJson.Identity(v)}")).ConfigureAwait(false);
            }

            await o.WriteLineAsync($"{videos.Count} video(s).").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
