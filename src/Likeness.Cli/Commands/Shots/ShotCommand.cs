using System.CommandLine;
using System.Globalization;
using Likeness.Cli.Commands.Deletion;
using Likeness.Cli.Commands.Generation;
using Likeness.Cli.Hosting;
using Likeness.Core.Shots;
using Likeness.Workspace;
using Likeness.Workspace.Deletion;

namespace Likeness.Cli.Commands.Shots;

/// <summary>
/// <c>likeness shot list --character C [--json]</c>: every shot of a character, with the gate's verdict where one judged
/// it; <c>likeness shot delete ID</c>.
/// </summary>
internal static class ShotCommand
{
    public static Command Create()
    {
        var character = new Option<string>("--character", "-c") { Description = "Character name or id.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print a JSON array." };
        var list = new Command("list", "List a character's shots, oldest first, with status, identity distance and the gate's verdict (rejected shots are kept, never deleted).") { character, json };
        list.SetGuardedAction(async (parse, ct) =>
        {
            using LikenessWorkspace workspace = await WorkspaceOption.OpenAsync(parse, ct).ConfigureAwait(false);
            var c = await workspace.Characters.GetAsync(parse.GetValue(character)!, ct).ConfigureAwait(false);
            IReadOnlyList<Shot> shots = await workspace.Shots.ListAsync(c.Id, ct).ConfigureAwait(false);
            TextWriter o = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                await o.WriteLineAsync(CliJson.Serialize(shots.Select(s => new
                {
                    shot_id = s.Id,
                    provider = s.Provider,
                    seed = s.Request.Seed,
                    status = s.Status.ToString().ToLowerInvariant(),
                    face_distance = s.Scores.FaceDistanceMean,
                    cost_usd = s.CostUsd,
                    verdict = s.Verdict is { } v ? GatedGenerate.Reason(v.Reason) : null,
                    calibration_id = s.Verdict is { Checks.Count: > 0 } g ? g.Checks[0].CalibrationId : (Guid?)null,
                    cap_id = s.Verdict?.CapId,
                    image = s.Assets.Count > 0 ? workspace.Assets.Locate(s.Assets[0]) : null,
                }))).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            foreach (Shot s in shots)
            {
                string verdict = s.Verdict is { } v ? (v.Kept ? "kept" : "rejected: " + GatedGenerate.Reason(v.Reason)) : "not gated";
                string distance = s.Scores.FaceDistanceMean is { } d ? d.ToString("0.000", CultureInfo.InvariantCulture) : "n/a";
                await o.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{s.Id}  {s.Provider,-14} seed {s.Request.Seed,-8} {s.Status.ToString().ToLowerInvariant(),-9} face {distance}  ${s.CostUsd:0.0000}  {verdict}")).ConfigureAwait(false);
            }

            await o.WriteLineAsync($"{shots.Count} shot(s).").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        var delete = DeleteCommand.Create(
            DeletionKind.Shot, "ID", "The shot's id or a unique id prefix.", "Delete a shot and its images (those no other shot uses); its cost stays in the ledger.", forceHelp: null);
        return new Command("shot", "Shots already made: list them, delete one.") { list, delete };
    }
}
