using System.Text.Json;
using Likeness.Testing;

namespace Likeness.Cli.Tests.Videos;

public sealed class VideoScoreCommandTests(TestClips clips) : IClassFixture<TestClips>
{
    private static readonly string Cast = Path.Combine(AppContext.BaseDirectory, "samples", "cast");

    [FfmpegFact]
    public async Task A_clip_that_cuts_away_from_the_character_is_reported_with_its_breaks_and_published()
    {
        using var home = new TempFolder();
        await AdaAsync(home);
        string output = home.Combine("drift");

        var (code, stdout, stderr) = await CliRunner.RunAsync("video", "score", clips.Cut, "-c", "ada", "--threshold", "0.5", "-o", output, "--home", home.Path);

        Assert.True(code == 0, stdout + stderr);
        Assert.StartsWith("cut.mp4: Ada, 18 frames at 2/s, a face in 88.9 %, kept in 37.5 % of them (τ = 0.500, given)", stdout, StringComparison.Ordinal);
        Assert.Contains("2 breaks:", stdout, StringComparison.Ordinal);
        Assert.Contains("  3–6 s: the face drifted past the threshold (6 frames)", stdout, StringComparison.Ordinal);
        Assert.Contains("  6–7 s: no face (2 frames)", stdout, StringComparison.Ordinal);
        using JsonDocument json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "drift.json")));
        Assert.Equal(18, json.RootElement.GetProperty("points").GetArrayLength());
        Assert.Equal(2, json.RootElement.GetProperty("breaks").GetArrayLength());
        Assert.Equal(3.0, json.RootElement.GetProperty("breaks")[0].GetProperty("start_s").GetDouble());
        string html = await File.ReadAllTextAsync(Path.Combine(output, "drift.html"));
        Assert.Contains("The identity breaks 2 times, first at 3 s.", html, StringComparison.Ordinal);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
    }

    [FfmpegFact]
    public async Task Bad_clips_and_options_exit_2_with_one_line_and_a_missing_ffprobe_exits_1()
    {
        using var home = new TempFolder();
        await AdaAsync(home);
        string[][] bad =
        [
            ["video", "score", home.Combine("missing.mp4"), "-c", "Ada"],
            ["video", "score", Path.Combine(Cast, "obama.jpg"), "-c", "Ada"],
            ["video", "score", clips.AudioOnly, "-c", "Ada"],
            ["video", "score", clips.Truncated, "-c", "Ada"],
            ["video", "score", clips.Zoom, "-c", "Ada", "--fps", "0"],
            ["video", "score", clips.Zoom, "-c", "Ada", "--threshold", "-1"],
            ["video", "score", clips.Zoom, "-c", "Nobody"],
        ];
        foreach (string[] args in bad)
        {
            var (code, _, stderr) = await CliRunner.RunAsync([.. args, "--home", home.Path]);
            Assert.True(code == 2, $"{string.Join(' ', args)} → {code}: {stderr}");
            Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }

        // In its own process: setting the variable here would reach every test running beside this one.
        using ChildCli missing = ChildCli.Start(new Dictionary<string, string> { ["LIKENESS_FFPROBE"] = home.Combine("no-ffprobe") }, "video", "score", clips.Zoom, "-c", "Ada", "--home", home.Path);
        Assert.Equal(1, await missing.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.StartsWith("likeness: ffprobe was not found", missing.Output, StringComparison.Ordinal);
    }

    private static async Task AdaAsync(TempFolder home)
    {
        Assert.Equal(0, (await CliRunner.RunAsync("character", "create", "Ada", "--home", home.Path)).ExitCode);
        string[] photos = ["obama.jpg", "obama1.jpg", "obama2.jpg", "obama3.jpg"];
        Assert.Equal(0, (await CliRunner.RunAsync(["character", "add-refs", "Ada", .. photos.Select(p => Path.Combine(Cast, p)), "--home", home.Path])).ExitCode);
    }
}
