using System.Text.RegularExpressions;
using Likeness.Testing;
using Likeness.Testing.Emulators.Stability;

namespace Likeness.Cli.Tests.Providers;

/// <summary>The CLI against the Stability emulator, each command in its own process pointed at it through the environment.</summary>
public sealed partial class StabilityCliTests
{
    private const string Sd3 = "v2beta/stable-image/generate/sd3";
    private static readonly string[] Photos = ["obama.jpg", "obama1.jpg", "obama2.jpg", "obama3.jpg"];

    [Fact]
    public async Task Providers_check_stability_makes_one_core_image_at_the_configured_host()
    {
        await using StabilityEmulator stability = await StabilityEmulator.StartAsync(new StabilityEmulatorOptions { MaxSide = 256 });
        using ChildCli check = ChildCli.Start(Environment(stability), "providers", "check", "stability");
        Assert.True(await check.WaitAsync(TimeSpan.FromSeconds(60)) == 0, check.Output);
        Assert.Contains("generate  v2beta/stable-image/generate/core: SUCCESS, seed 1, 256x256 image/jpeg", check.Output, StringComparison.Ordinal);
        Assert.Contains("stability is ready (this check cost about $0.0300).", check.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(stability.Key, check.Output, StringComparison.Ordinal);
        Assert.Equal(1, stability.Submissions("v2beta/stable-image/generate/core"));

        using ChildCli keyless = ChildCli.Start(new Dictionary<string, string> { ["STABILITY_API_KEY"] = "" }, "providers", "check", "stability");
        Assert.Equal(2, await keyless.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("No Stability key: set STABILITY_API_KEY", keyless.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_sends_the_frontal_reference_with_its_strength_and_keeps_a_filtered_shot_as_moderated()
    {
        await using StabilityEmulator stability = await StabilityEmulator.StartAsync(new StabilityEmulatorOptions { MaxSide = 256 });
        using var home = new TempFolder();
        string cast = Path.Combine(AppContext.BaseDirectory, "samples", "cast");
        Assert.Equal(0, (await CliRunner.RunAsync("character", "create", "Ada", "--home", home.Path, "--trigger", "adaqzx")).ExitCode);
        var (added, addOut, addErr) = await CliRunner.RunAsync(["character", "add-refs", "Ada", .. Photos.Select(p => Path.Combine(cast, p)), "--home", home.Path]);
        Assert.True(added == 0, addOut + addErr);

        using (ChildCli identity = ChildCli.Start(Environment(stability), "identity", "create", "--character", "Ada", "--provider", "stability", "--home", home.Path))
        {
            Assert.True(await identity.WaitAsync(TimeSpan.FromSeconds(60)) == 0, identity.Output);
        }

        using (ChildCli generate = ChildCli.Start(Environment(stability), "generate", "--character", "Ada", "--prompt", "on a boat", "--provider", "stability", "--home", home.Path))
        {
            Assert.True(await generate.WaitAsync(TimeSpan.FromSeconds(60)) == 0, generate.Output);
            Assert.Contains("1 shot(s), 0 from the cache", generate.Output, StringComparison.Ordinal);
            Assert.Contains("$0.0650", generate.Output, StringComparison.Ordinal);
        }

        StabilityEmulatedRequest shot = Assert.Single(stability.Requests);
        Assert.Equal(Sd3, shot.Endpoint);
        Assert.Equal("image-to-image", shot.Fields["mode"]);
        Assert.Equal("0.35", shot.Fields["strength"]);
        Assert.Contains("on a boat", shot.Fields["prompt"], StringComparison.Ordinal);

        using (ChildCli filtered = ChildCli.Start(Environment(stability), "generate", "--character", "Ada", "--prompt", "blurme on a boat", "--provider", "stability", "--home", home.Path))
        {
            Assert.True(await filtered.WaitAsync(TimeSpan.FromSeconds(60)) == 0, filtered.Output);
            Assert.Contains("filtered by stability's moderation (paid, kept, not scored)  $0.0650", filtered.Output, StringComparison.Ordinal);
        }

        // The same filtered request again is served from the store: Stability is not paid twice for it.
        using (ChildCli again = ChildCli.Start(Environment(stability), "generate", "--character", "Ada", "--prompt", "blurme on a boat", "--provider", "stability", "--home", home.Path))
        {
            Assert.True(await again.WaitAsync(TimeSpan.FromSeconds(60)) == 0, again.Output);
            Assert.Contains("not scored)  $0.0650  (cached)", again.Output, StringComparison.Ordinal);
        }

        Assert.Equal(2, stability.Submissions(Sd3));
        var (_, character, _) = await CliRunner.RunAsync("character", "show", "Ada", "--home", home.Path);
        Assert.Contains("$0.1300 spent on shots", character, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_study_sweeps_stabilitys_strength_beside_a_sim_and_charts_one_point_per_value()
    {
        await using StabilityEmulator stability = await StabilityEmulator.StartAsync(new StabilityEmulatorOptions { MaxSide = 256 });
        using var home = new TempFolder();
        using var output = new TempFolder();
        string cast = Path.Combine(AppContext.BaseDirectory, "samples", "cast").Replace("\\", "/", StringComparison.Ordinal);
        string file = output.Combine("study.yaml");
        await File.WriteAllTextAsync(file, $$"""
            name: strength sweep
            cast: {{cast}}
            scenarios: [close-up-portrait]
            variations: 2
            megapixels: 0.1
            providers:
              - sim-instant
              - provider: stability
                sweep: { parameter: strength, values: [0.2, 0.5, 0.8] }
            """);
        string folder = output.Combine("out");
        using ChildCli run = ChildCli.Start(Environment(stability), "study", "run", file, "--allow-path", AppContext.BaseDirectory, "--out", folder, "--home", home.Path, "--clip-model", RepoPaths.TestData("clip-tiny"));
        Assert.True(await run.WaitAsync(TimeSpan.FromSeconds(300)) == 0, run.Output);
        Assert.Contains("16 shots: 0 from the cache (no provider call), 16 new, 0 failed.", run.Output, StringComparison.Ordinal);

        Assert.Equal(12, stability.Submissions(Sd3));
        Assert.Equal(["0.2", "0.5", "0.8"], stability.Requests.Select(r => r.Fields["strength"]).Distinct().Order());
        string csv = await File.ReadAllTextAsync(Path.Combine(folder, "results.csv"));
        Assert.Contains("stability strength=0.5", csv, StringComparison.Ordinal);

        string report = await File.ReadAllTextAsync(Path.Combine(folder, "report.html"));
        int start = report.IndexOf("<section id=\"sweeps\">", StringComparison.Ordinal);
        Assert.True(start >= 0, "the report has no sweep section");
        string sweeps = report[start..report.IndexOf("</section>", start, StringComparison.Ordinal)];
        Assert.Contains("stability: strength", sweeps, StringComparison.Ordinal);
        foreach (string value in new[] { "0.2", "0.5", "0.8" })
        {
            Assert.Equal(1, PointPattern("identity pass", value).Count(sweeps));
            Assert.Equal(1, PointPattern("CLIP-T", value).Count(sweeps));
        }

        Assert.DoesNotContain("CLIP-T not measured", sweeps, StringComparison.Ordinal);
        Assert.Contains("href=\"#sweeps\"", report, StringComparison.Ordinal);
    }

    private static Regex PointPattern(string series, string value) => new($"<circle [^>]*><title>strength = {Regex.Escape(value)}: {Regex.Escape(series)} ");

    private static Dictionary<string, string> Environment(StabilityEmulator stability) => new()
    {
        ["STABILITY_API_KEY"] = stability.Key,
        ["LIKENESS_STABILITY_API_URL"] = stability.BaseUri.AbsoluteUri,
    };
}
