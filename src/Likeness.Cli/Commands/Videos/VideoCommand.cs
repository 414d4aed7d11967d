using System.CommandLine;
using System.Globalization;
using Likeness.Cli.Hosting;
using Likeness.Core.Videos;
using Likeness.Workspace;

namespace Likeness.Cli.Commands.Videos;

/// <summary>
/// <c>likeness video --pin P --prompt TEXT [--provider P] [--duration S] [--aspect 16:9] [--out FILE]</c>, and its
/// subcommands <c>list</c>, <c>show</c>, <c>score</c> and <c>compare</c>.
/// </summary>
internal static class VideoCommand
{
    public static Command Create()
    {
        var pin = new Option<string>("--pin") { Description = "Pin id or unique id prefix (see `likeness pin list`).", Required = true };
        var prompt = new Option<string>("--prompt") { Description = "What happens in the clip.", Required = true };
        var provider = new Option<string>("--provider", "-p") { Description = "A provider with element video (see `likeness providers list`).", DefaultValueFactory = _ => "sim-instant" };
        var duration = new Option<int>("--duration") { Description = "Seconds.", DefaultValueFactory = _ => 5 };
        var aspect = new Option<string>("--aspect-ratio") { Description = "16:9, 9:16 or 1:1.", DefaultValueFactory = _ => "16:9" };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Also copy the video to this file." };
        var command = new Command("video", "Make a video of a pinned character (charged per second; recorded even when it fails).")
        {
            pin, prompt, provider, duration, aspect, output,
            VideoListCommand.Create(),
            VideoShowCommand.Create(),
            VideoScoreCommand.Create(),
            VideoCompareCommand.Create(),
        };
        command.SetGuardedAction(async (parse, ct) =>
        {
            using LikenessWorkspace workspace = await WorkspaceOption.OpenAsync(parse, ct).ConfigureAwait(false);
            var p = await workspace.Pins.GetAsync(parse.GetValue(pin)!, ct).ConfigureAwait(false);
            Video video = await workspace.Videos.GenerateAsync(p, parse.GetValue(provider)!, parse.GetValue(prompt)!, parse.GetValue(duration), parse.GetValue(aspect)!, cancellationToken: ct).ConfigureAwait(false);
            TextWriter o = parse.InvocationConfiguration.Output;
            if (video.Status != VideoStatus.Succeeded)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"likeness: video {video.Id} at {video.Provider} failed (nothing charged): {video.Error}").ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            await o.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"video {video.Id}: {video.ActualSeconds:0.#} s {video.AspectRatio} at {video.Provider}, ${video.CostUsd:0.000}, {video.LatencyMs / 1000:0.0} s{(video.Simulated ? " [simulated]" : "")}, asset {video.AssetSha256}")).ConfigureAwait(false);
            await o.WriteLineAsync($"identity: {VideoJson.Identity(video)}").ConfigureAwait(false);
            if (parse.GetValue(output) is { } file)
            {
                await using Stream source = await workspace.Assets.OpenReadAsync(video.AssetSha256!, ct).ConfigureAwait(false);
                await using FileStream target = file.Create();
                await source.CopyToAsync(target, ct).ConfigureAwait(false);
                await o.WriteLineAsync($"wrote {file.FullName}").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
