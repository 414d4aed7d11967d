using Likeness.Testing;
using System.Globalization;

namespace Likeness.Cli.Tests.Workspace;

public sealed class DemoCommandTests
{
    private static readonly string[] RequiredColumns = ["character", "provider", "scenario", "seed", "latency_ms", "cost_usd", "face_distance", "cached"];

    [Fact]
    public async Task Demo_runs_offline_and_a_second_run_comes_from_the_cache()
    {
        using var home = new TempFolder();
        using var output = new TempFolder();
        var (code, stdout, stderr) = await CliRunner.RunAsync("demo", "--home", home.Path, "--out", output.Path);
        Assert.True(code == 0, stdout + stderr + FailedRows(output));
        Assert.Contains("30 shots: 0 from the cache", stdout, StringComparison.Ordinal);
        foreach (string file in new[] { "results.json", "results.csv", "index.html", "report.html" })
        {
            Assert.True(File.Exists(output.Combine(file)), file);
        }

        string[] lines = File.ReadAllLines(output.Combine("results.csv"));
        string[] header = lines[0].Split(',');
        Assert.All(RequiredColumns, c => Assert.Contains(c, header));
        Assert.Equal(31, lines.Length);
        int cached = Array.IndexOf(header, "cached"), distance = Array.IndexOf(header, "face_distance"), provider = Array.IndexOf(header, "provider");
        var rows = lines.Skip(1).Select(Fields).ToList();
        Assert.All(rows, r => Assert.Equal("false", r[cached]));
        Assert.Equal(["sim-instant", "sim-lora", "sim-reference"], rows.Select(r => r[provider]).Distinct().Order());
        // The face engine measured most shots; kept shots of the sim land well under the 0.6 threshold.
        Assert.True(rows.Count(r => r[distance].Length > 0) >= 20);
        Assert.Contains(rows, r => double.Parse(r[distance].Length > 0 ? r[distance] : "9", CultureInfo.InvariantCulture) < 0.6);
        string html = File.ReadAllText(output.Combine("index.html"));
        Assert.Contains("simulated", html, StringComparison.Ordinal);
        Assert.Matches(@"identity threshold τ = 0\.\d{3} \(calibrated by the study on \d+ genuine and \d+ impostor pairs\)", html);
        Assert.Equal(30, Directory.GetFiles(output.Combine("images"), "*.thumb.jpg").Length);

        var (again, stdout2, _) = await CliRunner.RunAsync("demo", "--home", home.Path, "-o", output.Path);
        Assert.Equal(0, again);
        Assert.Contains("30 shots: 30 from the cache (no provider call), 0 new", stdout2, StringComparison.Ordinal);
        Assert.All(File.ReadAllLines(output.Combine("results.csv")).Skip(1).Select(Fields), r => Assert.Equal("true", r[cached]));
    }

    private static string FailedRows(TempFolder output) => File.Exists(output.Combine("results.csv"))
        ? string.Join('\n', File.ReadAllLines(output.Combine("results.csv")).Where(l => l.Contains(",failed,", StringComparison.Ordinal)))
        : string.Empty;

    [Fact]
    public async Task Characters_are_created_given_references_and_shot_from_the_command_line()
    {
        using var home = new TempFolder();
        string cast = Path.Combine(AppContext.BaseDirectory, "samples", "cast");
        Assert.Equal(0, (await CliRunner.RunAsync("character", "create", "Ada", "--home", home.Path, "--trait", "green eyes", "--trigger", "adaqzx")).ExitCode);
        var (dup, _, dupErr) = await CliRunner.RunAsync("character", "create", "Ada", "--home", home.Path);
        Assert.Equal(2, dup);
        Assert.Contains("already exists", dupErr, StringComparison.Ordinal);

        var (refused, _, refusedErr) = await CliRunner.RunAsync("character", "add-refs", "Ada", Path.Combine(cast, "obama.jpg"), Path.Combine(cast, "biden2.jpg"), "--home", home.Path);
        Assert.Equal(2, refused);
        Assert.Contains("error:", refusedErr, StringComparison.Ordinal);

        string[] photos = ["obama.jpg", "obama1.jpg", "obama2.jpg", "obama3.jpg"];
        var (added, addOut, addErr) = await CliRunner.RunAsync(["character", "add-refs", "Ada", .. photos.Select(p => Path.Combine(cast, p)), "--home", home.Path]);
        Assert.True(added == 0, addOut + addErr);
        Assert.Contains("Added 4 reference(s)", addOut, StringComparison.Ordinal);

        var (gen, genOut, genErr) = await CliRunner.RunAsync("generate", "--character", "Ada", "--scenario", "profile", "--n", "2", "--home", home.Path);
        Assert.True(gen == 0, genOut + genErr);
        Assert.Contains("2 shot(s), 0 from the cache", genOut, StringComparison.Ordinal);
        Assert.Contains("[simulated]", genOut, StringComparison.Ordinal);
        var (_, genOut2, _) = await CliRunner.RunAsync("generate", "--character", "Ada", "--scenario", "profile", "--n", "2", "--home", home.Path);
        Assert.Contains("2 shot(s), 2 from the cache", genOut2, StringComparison.Ordinal);

        var (lora, _, loraErr) = await CliRunner.RunAsync("generate", "--character", "Ada", "--prompt", "on a boat", "--provider", "sim-lora", "--home", home.Path);
        Assert.Equal(2, lora);
        Assert.Contains("likeness identity create", loraErr, StringComparison.Ordinal);
        var (both, _, _) = await CliRunner.RunAsync("generate", "--character", "Ada", "--prompt", "x", "--scenario", "profile", "--home", home.Path);
        Assert.Equal(2, both);

        var (show, showOut, _) = await CliRunner.RunAsync("character", "show", "ada", "--home", home.Path);
        Assert.Equal(0, show);
        Assert.Contains("sim-instant", showOut, StringComparison.Ordinal);
        Assert.Contains("shots: 2", showOut, StringComparison.Ordinal);
    }

    private static string[] Fields(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                current.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        fields.Add(current.ToString());
        return [.. fields];
    }
}
