using Likeness.Testing;
using Likeness.Testing.Emulators.Astria;
using Likeness.Testing.Emulators.Fal;
using Likeness.Testing.Emulators.Leonardo;
using Likeness.Testing.Emulators.Replicate;
using Likeness.Testing.Emulators.Stability;

namespace Likeness.Cli.Tests.Providers;

/// <summary>
/// One study over every provider at once, each at its emulator (their numbers are the emulators', labelled
/// simulated), beside a sim profile: the runner trains where a provider trains, sweeps Leonardo's Character
/// Reference weight and Stability's strength, and the report shows them side by side.
/// </summary>
public sealed class AllProvidersStudyTests
{
    private static readonly string[] SweepCharts = ["replicate: scale", "leonardo: weight", "stability: strength"];

    [Fact]
    public async Task A_study_runs_the_sims_fal_replicate_astria_and_leonardo_and_stability_sweeps_side_by_side()
    {
        await using FalEmulator fal = await FalEmulator.StartAsync();
        await using ReplicateEmulator replicate = await ReplicateEmulator.StartAsync(new ReplicateEmulatorOptions { StartDelay = TimeSpan.FromMilliseconds(20), RunDuration = TimeSpan.FromMilliseconds(40), TrainingDuration = TimeSpan.FromMilliseconds(200) });
        await using AstriaEmulator astria = await AstriaEmulator.StartAsync(new AstriaEmulatorOptions { TrainingDuration = TimeSpan.FromMilliseconds(300), PromptDuration = TimeSpan.Zero });
        astria.ImageSide = 320;
        await using LeonardoEmulator leonardo = await LeonardoEmulator.StartAsync(new LeonardoEmulatorOptions { RunDuration = TimeSpan.FromMilliseconds(50) });
        await using StabilityEmulator stability = await StabilityEmulator.StartAsync(new StabilityEmulatorOptions { MaxSide = 256 });
        using var home = new TempFolder();
        using var output = new TempFolder();
        await File.WriteAllTextAsync(home.Combine("prices.json"), """{"prices": [{"provider": "leonardo", "app": "leonardo/kino-xl-character-reference", "unit": "image", "usd": 0.03}]}""");
        string cast = Path.Combine(AppContext.BaseDirectory, "samples", "cast").Replace("\\", "/", StringComparison.Ordinal);
        string file = output.Combine("study.yaml");
        await File.WriteAllTextAsync(file, $$"""
            name: every provider
            cast: {{cast}}
            scenarios: [close-up-portrait]
            variations: 1
            megapixels: 0.1
            providers:
              - sim-lora
              - fal-instant
              - provider: replicate
                sweep: { parameter: scale, values: [0.6, 1.2] }
              - astria
              - provider: leonardo
                sweep: { parameter: weight, values: [0.5, 1.5] }
              - provider: stability
                sweep: { parameter: strength, values: [0.2, 0.8] }
            """);
        var environment = new Dictionary<string, string>
        {
            ["FAL_KEY"] = fal.Key,
            ["LIKENESS_FAL_QUEUE_URL"] = fal.QueueUri.AbsoluteUri,
            ["LIKENESS_FAL_SYNC_URL"] = fal.SyncUri.AbsoluteUri,
            ["LIKENESS_FAL_REST_URL"] = fal.RestUri.AbsoluteUri,
            ["LIKENESS_FAL_JWKS_URL"] = fal.JwksUri.AbsoluteUri,
            ["REPLICATE_API_TOKEN"] = replicate.Token,
            ["LIKENESS_REPLICATE_API_URL"] = replicate.ApiUri.AbsoluteUri,
            ["ASTRIA_API_KEY"] = astria.Key,
            ["LIKENESS_ASTRIA_API_URL"] = astria.BaseUri.AbsoluteUri,
            ["LEONARDO_API_KEY"] = leonardo.Key,
            ["LIKENESS_LEONARDO_API_URL"] = leonardo.ApiUri.AbsoluteUri,
            ["STABILITY_API_KEY"] = stability.Key,
            ["LIKENESS_STABILITY_API_URL"] = stability.BaseUri.AbsoluteUri,
        };
        string folder = output.Combine("out");

        using ChildCli run = ChildCli.Start(environment, "study", "run", file, "--allow-path", AppContext.BaseDirectory, "--out", folder, "--home", home.Path);
        Assert.True(await run.WaitAsync(TimeSpan.FromSeconds(420)) == 0, run.Output);

        // Two characters, one scenario, nine columns: every shot made, none failed.
        Assert.Contains("18 shots: 0 from the cache (no provider call), 18 new, 0 failed.", run.Output, StringComparison.Ordinal);
        string[] lines = await File.ReadAllLinesAsync(Path.Combine(folder, "results.csv"));
        int provider = Array.IndexOf(lines[0].Split(','), "provider");
        string[] columns = [.. lines.Skip(1).Select(l => l.Split(',')[provider]).Distinct().Order(StringComparer.Ordinal)];
        Assert.Equal(["astria", "fal-instant", "leonardo weight=0.5", "leonardo weight=1.5", "replicate scale=0.6", "replicate scale=1.2", "sim-lora", "stability strength=0.2", "stability strength=0.8"], columns);
        string report = await File.ReadAllTextAsync(Path.Combine(folder, "report.html"));
        Assert.All(columns, c => Assert.Contains(c, report, StringComparison.Ordinal));
        int start = report.IndexOf("<section id=\"sweeps\">", StringComparison.Ordinal);
        Assert.True(start >= 0, "the report has no sweep section");
        string sweeps = report[start..report.IndexOf("</section>", start, StringComparison.Ordinal)];
        Assert.All(SweepCharts, chart => Assert.Contains(chart, sweeps, StringComparison.Ordinal));

        // The trainers trained once per character, the swept columns sharing the identity; every other call was one
        // paid submission per shot, and the LoRA scale swept reached Replicate as lora_scale.
        Assert.Equal(2, replicate.Submissions("training"));
        Assert.Equal([0.6, 0.6, 1.2, 1.2], replicate.Jobs.Where(j => j.Kind == "prediction").Select(j => j.Input.GetProperty("lora_scale").GetDouble()).Order());
        Assert.Equal(2, astria.TuneSubmissions);
        Assert.Equal(2, astria.PromptSubmissions);
        Assert.Equal(2, fal.Submissions(Likeness.Providers.Fal.FalApps.InstantCharacter));
    }
}
