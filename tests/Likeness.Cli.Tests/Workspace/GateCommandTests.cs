using System.Text.Json;
using Likeness.Testing;

namespace Likeness.Cli.Tests.Workspace;

/// <summary><c>generate --keep</c>, <c>shot list</c> and <c>providers list</c>'s cost per kept shot, end to end on the sim.</summary>
public sealed class GateCommandTests
{
    private static readonly string Cast = Path.Combine(RepoPaths.Root, "samples", "cast");

    private static readonly string[] ObamaPhotos = ["obama.jpg", "obama1.jpg", "obama2.jpg", "obama3.jpg"];

    [Fact]
    public async Task Generate_keep_reports_kept_shots_their_verdicts_and_the_cost_per_kept_shot()
    {
        using var home = new TempFolder();
        Assert.Equal(0, (await CliRunner.RunAsync("character", "create", "Barack Obama", "--home", home.Path)).ExitCode);
        var added = await CliRunner.RunAsync(["character", "add-refs", "Barack Obama", .. ObamaPhotos.Select(f => Path.Combine(Cast, f)), "--home", home.Path]);
        Assert.True(added.ExitCode == 0, added.Output + added.Error);

        // No distractors yet: too few impostors to calibrate, so the gate refuses before spending anything.
        var refused = await CliRunner.RunAsync("generate", "-c", "Barack Obama", "--scenario", "close-up-portrait", "--provider", "sim-reference", "--keep", "2", "--max-cost", "1", "--home", home.Path);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("cannot judge", refused.Error, StringComparison.Ordinal);

        Directory.CreateDirectory(home.Combine("distractors"));
        foreach (string photo in Directory.GetFiles(Path.Combine(RepoPaths.Root, "tests", "data", "faceapi", "inputs"), "*.ppm"))
        {
            File.Copy(photo, Path.Combine(home.Combine("distractors"), Path.GetFileName(photo)));
        }

        var (code, stdout, stderr) = await CliRunner.RunAsync(
            "generate", "-c", "Barack Obama", "--scenario", "close-up-portrait", "--provider", "sim-reference", "--keep", "2", "--max-cost", "1", "--target-far", "0.05", "--json", "--home", home.Path);
        Assert.True(code == 0, stdout + stderr);
        JsonElement[] lines = [.. stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)];
        JsonElement summary = lines[^1];
        Assert.Equal(2, summary.GetProperty("kept").GetInt32());
        int attempts = summary.GetProperty("attempts").GetInt32();
        Assert.Equal(attempts, lines.Length - 1);
        Assert.Equal(0.04m * attempts / 2, summary.GetProperty("cost_per_kept_usd").GetDecimal());
        Assert.Equal("face", summary.GetProperty("calibration").GetProperty("metric").GetString());

        var list = await CliRunner.RunAsync("shot", "list", "-c", "Barack Obama", "--json", "--home", home.Path);
        Assert.Equal(0, list.ExitCode);
        JsonElement[] shots = [.. JsonDocument.Parse(list.Output).RootElement.EnumerateArray()];
        Assert.Equal(attempts, shots.Length);
        Assert.Equal(2, shots.Count(s => s.GetProperty("verdict").GetString() == "kept"));

        var providers = await CliRunner.RunAsync("providers", "list", "--json", "--home", home.Path);
        JsonElement reference = JsonDocument.Parse(providers.Output).RootElement.EnumerateArray().Single(r => r.GetProperty("name").GetString() == "sim-reference");
        Assert.Equal(attempts, reference.GetProperty("cost_per_kept").GetProperty("attempts").GetInt32());

        // --preview: a draft per seed first; the full shot (same seed) follows only an accepted draft.
        var preview = await CliRunner.RunAsync(
            "generate", "-c", "Barack Obama", "--scenario", "close-up-portrait", "--provider", "sim-reference", "--seed", "900", "--keep", "2", "--max-attempts", "20", "--max-cost", "5", "--target-far", "0.05",
            "--preview", "--json", "--home", home.Path);
        Assert.True(preview.ExitCode == 0, preview.Output + preview.Error);
        JsonElement[] previewLines = [.. preview.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)];
        JsonElement[] heard = previewLines[..^1];
        Assert.Equal(previewLines[^1].GetProperty("drafts").GetInt32(), heard.Count(l => l.GetProperty("draft").GetBoolean()));
        for (int i = 0; i < heard.Length; i++)
        {
            if (!heard[i].GetProperty("draft").GetBoolean())
            {
                Assert.True(i > 0 && heard[i - 1].GetProperty("draft").GetBoolean() && heard[i - 1].GetProperty("kept").GetBoolean());
                Assert.Equal(heard[i - 1].GetProperty("seed").GetInt64(), heard[i].GetProperty("seed").GetInt64());
            }
        }

        Assert.Equal(2, previewLines[^1].GetProperty("kept").GetInt32());
    }

    [Fact]
    public async Task Preview_without_keep_is_a_usage_error()
    {
        using var home = new TempFolder();
        var (code, _, stderr) = await CliRunner.RunAsync("generate", "-c", "Ada", "--prompt", "a portrait", "--preview", "--home", home.Path);
        Assert.Equal(2, code);
        Assert.Contains("--preview", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--keep", "2")]
    [InlineData("--max-cost", "1")]
    [InlineData("--keep", "0")]
    public async Task Gate_options_that_do_not_make_a_bounded_request_are_usage_errors(string option, string value)
    {
        using var home = new TempFolder();
        Assert.Equal(0, (await CliRunner.RunAsync("character", "create", "Ada", "--home", home.Path)).ExitCode);
        string[] extra = option == "--keep" && value == "0" ? ["--max-cost", "1"] : [];
        var (code, _, stderr) = await CliRunner.RunAsync(["generate", "-c", "Ada", "--prompt", "a portrait", option, value, .. extra, "--home", home.Path]);
        Assert.Equal(2, code);
        Assert.Contains("--", stderr, StringComparison.Ordinal);
    }
}
