using System.Text.Json;
using Likeness.Testing;

namespace Likeness.Cli.Tests.Videos;

public sealed class VideoShowCommandTests
{
    private static readonly string Cast = Path.Combine(AppContext.BaseDirectory, "samples", "cast");

    [FfmpegFact]
    public async Task A_made_video_is_listed_with_its_identity_check_and_shown_with_its_chart()
    {
        using var home = new TempFolder();
        Assert.Equal(0, (await CliRunner.RunAsync("character", "create", "Ada", "--home", home.Path)).ExitCode);
        string[] photos = ["obama.jpg", "obama1.jpg", "obama2.jpg", "obama3.jpg"];
        Assert.Equal(0, (await CliRunner.RunAsync(["character", "add-refs", "Ada", .. photos.Select(p => Path.Combine(Cast, p)), "--home", home.Path])).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync("pin", "create", "--character", "Ada", "--frontal", "obama.jpg", "--home", home.Path)).ExitCode);
        var (_, pinJson, _) = await CliRunner.RunAsync("pin", "list", "--character", "Ada", "--json", "--home", home.Path);
        string pin = JsonDocument.Parse(pinJson).RootElement[0].GetProperty("id").GetString()!;

        var (made, madeOut, madeErr) = await CliRunner.RunAsync("video", "--pin", pin, "--prompt", "looks up", "--duration", "2", "--home", home.Path);
        Assert.True(made == 0, madeOut + madeErr);
        Assert.Contains("identity: face in 100 % of frames", madeOut, StringComparison.Ordinal);

        var (listed, listJson, listErr) = await CliRunner.RunAsync("video", "list", "-c", "Ada", "--json", "--home", home.Path);
        Assert.True(listed == 0, listErr);
        JsonElement video = Assert.Single(JsonDocument.Parse(listJson).RootElement.EnumerateArray().ToList());
        JsonElement identity = video.GetProperty("identity");
        Assert.True(identity.GetProperty("checked").GetBoolean(), identity.ToString());
        Assert.Equal(1.0, identity.GetProperty("detection_rate").GetDouble());
        Assert.Equal(0, identity.GetProperty("breaks").GetInt32());
        string id = video.GetProperty("video_id").GetString()!;

        string folder = home.Combine("out");
        var (shown, showOut, showErr) = await CliRunner.RunAsync("video", "show", id[..8], "-o", folder, "--home", home.Path);
        Assert.True(shown == 0, showOut + showErr);
        Assert.Contains($"video {id} at sim-instant [simulated]: succeeded, 2 s 16:9", showOut, StringComparison.Ordinal);
        Assert.Contains("prompt: looks up", showOut, StringComparison.Ordinal);
        Assert.Contains("<svg", await File.ReadAllTextAsync(Path.Combine(folder, "drift.html")), StringComparison.Ordinal);
        Assert.Equal(4, JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "drift.json"))).RootElement.GetProperty("frames").GetInt32());
        Assert.True(File.Exists(Path.Combine(folder, $"video-{Guid.Parse(id):N}{SimClips.Extension}")));

        var (missing, _, missingErr) = await CliRunner.RunAsync("video", "show", "ffffffff", "--home", home.Path);
        Assert.Equal(2, missing);
        Assert.Contains("No video 'ffffffff'", missingErr, StringComparison.Ordinal);
    }
}
