using System.CommandLine;
using System.Globalization;
using Likeness.Cli.Hosting;
using Likeness.Core.Videos;
using Likeness.Workspace;
using Likeness.Workspace.Videos.Drift;

namespace Likeness.Cli.Commands.Videos;

/// <summary><c>likeness video show ID [--recheck] [-o DIR] [--json]</c>: one video, its identity check, and its drift chart.</summary>
internal static class VideoShowCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("ID") { Description = "The video's id or a unique id prefix (see `likeness video list`)." };
        var recheck = new Option<bool>("--recheck") { Description = "Follow the character through the video again (after adding references, or once the face engine is installed)." };
        var output = new Option<DirectoryInfo?>("--output", "-o") { Description = "Write the video, drift.html and drift.json here." };
        var json = new Option<bool>("--json") { Description = "Print JSON." };
        var command = new Command("show", "Show a video: what was asked, what it cost, and how well it kept the character frame by frame.") { id, recheck, output, json };
        command.SetGuardedAction(async (parse, ct) =>
        {
            using LikenessWorkspace workspace = await WorkspaceOption.OpenAsync(parse, ct).ConfigureAwait(false);
            Video video = await workspace.Videos.GetAsync(parse.GetValue(id)!, ct).ConfigureAwait(false);
            if (parse.GetValue(recheck))
            {
                video = await workspace.VideoChecks.CheckAsync(video, ct).ConfigureAwait(false);
            }

            TextWriter o = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                await o.WriteLineAsync(CliJson.Serialize(VideoJson.Of(video))).ConfigureAwait(false);
            }
            else
            {
                await o.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"video {video.Id} at {video.Provider}{(video.Simulated ? " [simulated]" : "")}: {video.Status.ToString().ToLowerInvariant()}, {video.ActualSeconds ?? video.DurationSeconds:0.#} s {video.AspectRatio}, ${video.CostUsd:0.000}")).ConfigureAwait(false);
                await o.WriteLineAsync($"prompt: {video.Prompt}").ConfigureAwait(false);
                await o.WriteLineAsync($"identity: {VideoJson.Identity(video)}").ConfigureAwait(false);
            }

            if (parse.GetValue(output) is { } folder)
            {
                folder.Create();
                (string? Sha, string Name)[] files =
                [
                    (video.AssetSha256, $"video-{video.Id:N}{(video.ContentType == "video/mp4" ? ".mp4" : video.ContentType == "video/webm" ? ".webm" : ".avi")}"),
                    (video.IdentityChartSha256, DriftFiles.Html),
                    (video.IdentityReportSha256, DriftFiles.Json),
                ];
                foreach (var (sha, name) in files.Where(f => f.Sha is not null))
                {
                    string path = Path.Combine(folder.FullName, name);
                    await using (Stream source = await workspace.Assets.OpenReadAsync(sha!, ct).ConfigureAwait(false))
                    await using (FileStream target = File.Create(path))
                    {
                        await source.CopyToAsync(target, ct).ConfigureAwait(false);
                    }

                    await parse.InvocationConfiguration.Error.WriteLineAsync($"wrote {path}").ConfigureAwait(false);
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
