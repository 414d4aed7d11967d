using Likeness.Testing;

namespace Likeness.Cli.Tests.Videos;

public sealed class PinFromVideoCommandTests(TestClips clips) : IClassFixture<TestClips>
{
    private static readonly string Cast = Path.Combine(AppContext.BaseDirectory, "samples", "cast");

    [FfmpegFact]
    public async Task The_last_frame_is_pinned_as_the_frontal_with_its_clip_and_time_and_misuse_exits_2()
    {
        using var home = new TempFolder();
        Assert.Equal(0, (await CliRunner.RunAsync("character", "create", "Ada", "--home", home.Path)).ExitCode);
        string[] photos = ["obama.jpg", "obama1.jpg", "obama2.jpg", "obama3.jpg"];
        Assert.Equal(0, (await CliRunner.RunAsync(["character", "add-refs", "Ada", .. photos.Select(p => Path.Combine(Cast, p)), "--home", home.Path])).ExitCode);

        var (code, stdout, stderr) = await CliRunner.RunAsync("pin", "create", "-c", "Ada", "--from-video", clips.Zoom, "--last-frame", "--home", home.Path);
        Assert.True(code == 0, stdout + stderr);
        Assert.Matches(@"  frontal    zoom\.mp4@[0-9.]+s\.jpg +Frontal", stdout);

        string[][] misuse =
        [
            ["pin", "create", "-c", "Ada", "--last-frame"],
            ["pin", "create", "-c", "Ada", "--from-video", clips.Zoom],
            ["pin", "create", "-c", "Ada", "--from-video", clips.Zoom, "--last-frame", "--frontal", "obama.jpg"],
            ["pin", "create", "-c", "Ada", "--from-video", clips.Truncated, "--last-frame"],
        ];
        foreach (string[] args in misuse)
        {
            (code, _, stderr) = await CliRunner.RunAsync([.. args, "--home", home.Path]);
            Assert.True(code == 2, $"{string.Join(' ', args)} → {code}: {stderr}");
            Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
    }
}
