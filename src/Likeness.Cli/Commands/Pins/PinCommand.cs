using System.CommandLine;
using Likeness.Cli.Hosting;
using Likeness.Core.Pins;
using Likeness.Core.References;
using Likeness.Media.Decoding;
using Likeness.Workspace;
using Likeness.Workspace.Pins;

namespace Likeness.Cli.Commands.Pins;

/// <summary><c>likeness pin create [--from-video CLIP --last-frame]|list</c>: a character's frontal image and references, ready for video.</summary>
internal static class PinCommand
{
    public static Command Create() => new("pin", "Pin a character for video: a frontal image plus one to three references.")
    {
        CreateCommand(),
        ListCommand(),
    };

    private static Command CreateCommand()
    {
        var character = new Option<string>("--character", "-c") { Description = "Character name or id.", Required = true };
        var frontal = new Option<string?>("--frontal") { Description = "The frontal reference: id, unique id prefix or file name (default: the one with the Frontal role)." };
        var refs = new Option<string?>("--refs") { Description = "Comma-separated references (default: up to 3 others, by role variety)." };
        var fromVideo = new Option<FileInfo?>("--from-video") { Description = "Take the frontal image from this clip (with --last-frame): it becomes a reference named clip@time." };
        var lastFrame = new Option<bool>("--last-frame") { Description = "With --from-video: the clip's last frame, so the next clip starts where this one ended." };
        var command = new Command("create", "Pin a character.") { character, frontal, refs, fromVideo, lastFrame };
        command.SetGuardedAction(async (parse, ct) =>
        {
            FileInfo? clip = parse.GetValue(fromVideo);
            if (clip is not null && (!parse.GetValue(lastFrame) || parse.GetValue(frontal) is not null))
            {
                throw new ArgumentException("--from-video takes --last-frame (the only frame it can pin) and no --frontal.");
            }

            if (clip is null && parse.GetValue(lastFrame))
            {
                throw new ArgumentException("--last-frame needs --from-video CLIP.");
            }

            using LikenessWorkspace workspace = await WorkspaceOption.OpenAsync(parse, ct).ConfigureAwait(false);
            var c = await workspace.Characters.GetAsync(parse.GetValue(character)!, ct).ConfigureAwait(false);
            string[]? others = parse.GetValue(refs)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Pin pin = clip is null
                ? await workspace.Pins.CreateAsync(c, parse.GetValue(frontal), others, ct).ConfigureAwait(false)
                : (await new LastFramePin(workspace, new VideoFrameReader(FfmpegOptions.FromEnvironment())).CreateAsync(c, clip.FullName, others, ct).ConfigureAwait(false)).Pin;
            IReadOnlyList<ReferenceImage> all = await workspace.Characters.ReferencesAsync(c.Id, ct).ConfigureAwait(false);
            await parse.InvocationConfiguration.Output.WriteLineAsync($"Pinned {c.Name}: pin {pin.Id}").ConfigureAwait(false);
            await WriteImagesAsync(parse.InvocationConfiguration.Output, pin, all).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command ListCommand()
    {
        var character = new Option<string>("--character", "-c") { Description = "Character name or id.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print a JSON array." };
        var command = new Command("list", "List a character's pins.") { character, json };
        command.SetGuardedAction(async (parse, ct) =>
        {
            using LikenessWorkspace workspace = await WorkspaceOption.OpenAsync(parse, ct).ConfigureAwait(false);
            var c = await workspace.Characters.GetAsync(parse.GetValue(character)!, ct).ConfigureAwait(false);
            IReadOnlyList<Pin> pins = await workspace.Pins.ListAsync(c.Id, ct).ConfigureAwait(false);
            IReadOnlyList<ReferenceImage> all = await workspace.Characters.ReferencesAsync(c.Id, ct).ConfigureAwait(false);
            TextWriter o = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                await o.WriteLineAsync(CliJson.Serialize(pins.Select(p => new
                {
                    p.Id,
                    p.CharacterId,
                    Frontal = Describe(p.FrontalReferenceId, all),
                    References = p.ReferenceIds.Select(id => Describe(id, all)).ToList(),
                    p.CreatedAt,
                }).ToList())).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            foreach (Pin pin in pins)
            {
                await o.WriteLineAsync($"pin {pin.Id}  {pin.CreatedAt:yyyy-MM-dd HH:mm}").ConfigureAwait(false);
                await WriteImagesAsync(o, pin, all).ConfigureAwait(false);
            }

            if (pins.Count == 0)
            {
                await o.WriteLineAsync($"{c.Name} has no pins. Make one with: likeness pin create --character \"{c.Name}\"").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task WriteImagesAsync(TextWriter o, Pin pin, IReadOnlyList<ReferenceImage> all)
    {
        await o.WriteLineAsync($"  frontal    {Label(pin.FrontalReferenceId, all)}").ConfigureAwait(false);
        foreach (Guid id in pin.ReferenceIds)
        {
            await o.WriteLineAsync($"  reference  {Label(id, all)}").ConfigureAwait(false);
        }
    }

    private static string Label(Guid id, IReadOnlyList<ReferenceImage> all) =>
        all.FirstOrDefault(r => r.Id == id) is { } r ? $"{r.FileName,-32} {r.Role,-12} {r.Id}" : $"(deleted) {id}";

    private static object Describe(Guid id, IReadOnlyList<ReferenceImage> all) =>
        all.FirstOrDefault(r => r.Id == id) is { } r ? new { r.Id, r.FileName, r.Role } : new { Id = id, FileName = (string?)null, Role = (ReferenceRole?)null };
}
