using System.Globalization;
using System.Text.RegularExpressions;
using Likeness.Testing;

namespace Likeness.Cli.Tests.Workspace;

public sealed class StudyCommandTests
{
    private static readonly string[] RequiredColumns =
        ["character", "provider", "scenario", "variation", "seed", "latency_ms", "cost_usd", "face_detected", "face_distance", "identity_pass", "clip_i", "clip_t", "cached"];

    [Fact]
    public async Task Study_run_and_report_work_end_to_end_on_the_sim_with_clip()
    {
        using var home = new TempFolder();
        using var output = new TempFolder();
        string cast = Path.Combine(AppContext.BaseDirectory, "samples", "cast").Replace("\\", "/", StringComparison.Ordinal);
        string file = output.Combine("study.yaml");
        await File.WriteAllTextAsync(file, $"""
            name: CLI study
            cast: {cast}
            scenarios: [close-up-portrait, profile]
            variations: 1
            providers: [sim-instant, sim-reference]
            megapixels: 0.1
            """);
        string folder = output.Combine("out");
        string[] run = ["study", "run", file, "--allow-path", AppContext.BaseDirectory, "--out", folder, "--home", home.Path, "--clip-model", RepoPaths.TestData("clip-tiny")];
        var (code, stdout, stderr) = await CliRunner.RunAsync(run);
        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("8 shots: 0 from the cache (no provider call), 8 new, 0 failed.", stdout, StringComparison.Ordinal);
        Assert.Contains("[8/8]", stdout, StringComparison.Ordinal);
        foreach (string name in new[] { "results.csv", "results.json", "report.html" })
        {
            Assert.True(File.Exists(Path.Combine(folder, name)), name);
        }

        string[] lines = await File.ReadAllLinesAsync(Path.Combine(folder, "results.csv"));
        string[] header = lines[0].Split(',');
        Assert.All(RequiredColumns, c => Assert.Contains(c, header));
        Assert.Equal(9, lines.Length);
        int clipI = Array.IndexOf(header, "clip_i"), clipT = Array.IndexOf(header, "clip_t");
        Assert.All(lines.Skip(1).Select(l => l.Split(',')), r => Assert.True(r[clipI].Length > 0 && r[clipT].Length > 0, string.Join(",", r)));
        Assert.Equal(8, Directory.GetFiles(Path.Combine(folder, "images"), "*.thumb.jpg").Length);

        var (again, stdout2, _) = await CliRunner.RunAsync(run);
        Assert.Equal(0, again);
        Assert.Contains("8 shots: 8 from the cache (no provider call), 0 new", stdout2, StringComparison.Ordinal);

        File.Delete(Path.Combine(folder, "report.html"));
        string json = await File.ReadAllTextAsync(Path.Combine(folder, "results.json"));
        var (report, reportOut, reportErr) = await CliRunner.RunAsync("study", "report", folder);
        Assert.True(report == 0, reportOut + reportErr);
        Assert.Contains("8 shots re-analysed", reportOut, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(folder, "report.html")));
        Assert.Equal(json, await File.ReadAllTextAsync(Path.Combine(folder, "results.json")));
    }

    [InterruptFact]
    public async Task Ctrl_c_cancels_a_study_cleanly_and_a_rerun_keeps_what_was_made()
    {
        using var home = new TempFolder();
        using var output = new TempFolder();
        string cast = Path.Combine(AppContext.BaseDirectory, "samples", "cast").Replace("\\", "/", StringComparison.Ordinal);
        string file = output.Combine("study.yaml");
        await File.WriteAllTextAsync(file, $"""
            name: interrupted
            cast: {cast}
            scenarios: [close-up-portrait, profile]
            variations: 3
            providers: [sim-instant, sim-reference]
            megapixels: 0.1
            """);
        string folder = output.Combine("out");
        using (ChildCli child = ChildCli.Start(new Dictionary<string, string>(), "study", "run", file, "--allow-path", AppContext.BaseDirectory, "--out", folder, "--home", home.Path))
        {
            await child.LineAsync(l => l.Contains("[2/24]", StringComparison.Ordinal), TimeSpan.FromMinutes(2));
            child.Interrupt();
            Assert.Equal(1, await child.WaitAsync(TimeSpan.FromSeconds(30)));
            Assert.Contains("likeness: cancelled.", child.Output, StringComparison.Ordinal);
        }

        var (code, stdout, stderr) = await CliRunner.RunAsync("study", "run", file, "--allow-path", AppContext.BaseDirectory, "--out", folder, "--home", home.Path);
        Assert.True(code == 0, stdout + stderr);
        int cached = int.Parse(Regex.Match(stdout, @"24 shots: (\d+) from the cache").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.InRange(cached, 2, 23);
        Assert.Contains($"{24 - cached} new, 0 failed.", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_study_files_and_folders_are_bad_input_with_the_line()
    {
        using var home = new TempFolder();
        using var output = new TempFolder();
        string file = output.Combine("bad.yaml");
        await File.WriteAllTextAsync(file, "name: bad\ncharacters: [Ada]\nproviders: [sim-lora]\nvariations: many\n");
        var (code, _, stderr) = await CliRunner.RunAsync("study", "run", file, "--home", home.Path);
        Assert.Equal(2, code);
        Assert.Contains("bad.yaml:4: variations: expected a whole number.", stderr, StringComparison.Ordinal);

        await File.WriteAllTextAsync(file, "name: bad\ncharacters: [Nobody]\nproviders: [sim-lora]\n");
        (code, _, stderr) = await CliRunner.RunAsync("study", "run", file, "--home", home.Path, "--out", output.Combine("o"));
        Assert.Equal(2, code);
        Assert.Contains("Nobody", stderr, StringComparison.Ordinal);

        (code, _, stderr) = await CliRunner.RunAsync("study", "report", output.Path);
        Assert.Equal(2, code);
        Assert.Contains("No results.json", stderr, StringComparison.Ordinal);
    }
}
