using System.Text.Json;
using Likeness.Testing;

namespace Likeness.Cli.Tests.Characters;

public sealed class CharacterLintCommandTests
{
    private static readonly string Cast = Path.Combine(AppContext.BaseDirectory, "samples", "cast");

    [Fact]
    public async Task Lint_reports_the_score_findings_to_do_and_captions_and_json_carries_the_same()
    {
        using var home = new TempFolder();
        Assert.Equal(0, (await CliRunner.RunAsync("character", "create", "Ada", "--home", home.Path)).ExitCode);
        string[] photos = ["obama.jpg", "obama1.jpg", "obama2.jpg", "obama3.jpg"];
        Assert.Equal(0, (await CliRunner.RunAsync(["character", "add-refs", "Ada", .. photos.Select(p => Path.Combine(Cast, p)), "--home", home.Path])).ExitCode);

        var (code, stdout, stderr) = await CliRunner.RunAsync("character", "lint", "Ada", "--home", home.Path);
        Assert.True(code == 0, stdout + stderr);
        Assert.StartsWith("Ada: 4 image(s), score 90 of 100 (at or above the 50 a paid training needs)", stdout, StringComparison.Ordinal);
        Assert.Contains("warning  count", stdout, StringComparison.Ordinal);
        Assert.Contains("  - Add 6 varied image(s).", stdout, StringComparison.Ordinal);
        Assert.Contains("obama1.jpg", stdout, StringComparison.Ordinal);

        (code, stdout, _) = await CliRunner.RunAsync("character", "lint", "Ada", "--provider", "fal", "--json", "--home", home.Path);
        Assert.Equal(0, code);
        using JsonDocument json = JsonDocument.Parse(stdout);
        Assert.Equal(90, json.RootElement.GetProperty("score").GetInt32());
        Assert.Equal(4, json.RootElement.GetProperty("images").GetArrayLength());

        (code, _, stderr) = await CliRunner.RunAsync("character", "lint", "Nobody", "--home", home.Path);
        Assert.Equal(2, code);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
