using Likeness.Testing;

namespace Likeness.Cli.Tests.Videos;

public sealed class VideoCompareCommandTests(TestClips clips) : IClassFixture<TestClips>
{
    private static readonly string Cast = Path.Combine(AppContext.BaseDirectory, "samples", "cast");

    [FfmpegFact]
    public async Task Two_clips_are_compared_against_one_threshold_in_one_line_and_one_page()
    {
        using var home = new TempFolder();
        Assert.Equal(0, (await CliRunner.RunAsync("character", "create", "Ada", "--home", home.Path)).ExitCode);
        string[] photos = ["obama.jpg", "obama1.jpg", "obama2.jpg", "obama3.jpg"];
        Assert.Equal(0, (await CliRunner.RunAsync(["character", "add-refs", "Ada", .. photos.Select(p => Path.Combine(Cast, p)), "--home", home.Path])).ExitCode);
        string output = home.Combine("compare");

        var (code, stdout, stderr) = await CliRunner.RunAsync("video", "compare", clips.Cut, clips.Zoom, "-c", "Ada", "--threshold", "0.5", "-o", output, "--home", home.Path);

        Assert.True(code == 0, stdout + stderr);
        Assert.StartsWith("zoom.mp4 keeps the character more: 37.5 % of frames with a face in cut.mp4 against 100.0 % in zoom.mp4;", stdout, StringComparison.Ordinal);
        Assert.Contains("breaks 2 against 0", stdout, StringComparison.Ordinal);
        string html = await File.ReadAllTextAsync(Path.Combine(output, "compare.html"));
        Assert.Equal(2, html.Split("<svg").Length - 1);
    }
}
