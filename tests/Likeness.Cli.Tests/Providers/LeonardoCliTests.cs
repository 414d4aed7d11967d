using System.Text.Json;
using Likeness.Providers.Leonardo;
using Likeness.Testing;
using Likeness.Testing.Emulators.Leonardo;

namespace Likeness.Cli.Tests.Providers;

/// <summary>The CLI against the Leonardo emulator, each command in its own process pointed at it through the environment.</summary>
public sealed class LeonardoCliTests
{
    private static readonly string[] Photos = ["obama.jpg", "obama1.jpg", "obama2.jpg"];

    [Fact]
    public async Task Generate_with_leonardo_sends_a_character_reference_charges_the_reported_cost_and_caches_the_shot()
    {
        await using LeonardoEmulator leonardo = await LeonardoEmulator.StartAsync(new LeonardoEmulatorOptions { RunDuration = TimeSpan.FromMilliseconds(100), CostPerImage = 0.021m });
        using var home = new TempFolder();
        string cast = Path.Combine(AppContext.BaseDirectory, "samples", "cast");
        Assert.Equal(0, (await CliRunner.RunAsync("character", "create", "Ada", "--home", home.Path, "--trigger", "adaqzx")).ExitCode);
        var (added, addOut, addErr) = await CliRunner.RunAsync(["character", "add-refs", "Ada", .. Photos.Select(p => Path.Combine(cast, p)), "--home", home.Path]);
        Assert.True(added == 0, addOut + addErr);
        // Leonardo publishes no per-image price: the reservation needs a line; the charge is what Leonardo reports.
        await File.WriteAllTextAsync(home.Combine("prices.json"), """{"prices": [{"provider": "leonardo", "app": "leonardo/kino-xl-character-reference", "unit": "image", "usd": 0.03}]}""");

        using ChildCli generate = ChildCli.Start(Environment(leonardo), "generate", "--character", "Ada", "--prompt", "on a boat", "--provider", "leonardo", "--json", "--home", home.Path);
        Assert.True(await generate.WaitAsync(TimeSpan.FromSeconds(90)) == 0, generate.Output);
        JsonElement shot = JsonDocument.Parse(generate.Output.Split('\n').Single(l => l.StartsWith('{'))).RootElement;
        Assert.Equal("succeeded", shot.GetProperty("status").GetString());
        Assert.Equal(0.021m, shot.GetProperty("cost_usd").GetDecimal());
        Assert.True(shot.GetProperty("simulated").GetBoolean());
        Assert.True(File.Exists(shot.GetProperty("image").GetString()));

        LeonardoEmulatedGeneration generation = Assert.Single(leonardo.Generations);
        Assert.Contains("on a boat", generation.Input.GetProperty("prompt").GetString(), StringComparison.Ordinal);
        Assert.Equal(LeonardoProvider.CharacterSeed("adaqzx"), generation.Input.GetProperty("seed").GetInt64());
        JsonElement net = generation.Input.GetProperty("controlnets")[0];
        Assert.Equal((133, "Mid"), (net.GetProperty("preprocessorId").GetInt32(), net.GetProperty("strengthType").GetString()));
        Assert.Equal(1, leonardo.InitImagesUploaded);

        using ChildCli again = ChildCli.Start(Environment(leonardo), "generate", "--character", "Ada", "--prompt", "on a boat", "--provider", "leonardo", "--home", home.Path);
        Assert.True(await again.WaitAsync(TimeSpan.FromSeconds(90)) == 0, again.Output);
        Assert.Contains("1 shot(s), 1 from the cache", again.Output, StringComparison.Ordinal);
        Assert.Single(leonardo.Generations);
    }

    [Fact]
    public async Task Providers_check_leonardo_runs_the_smoke_test_and_providers_list_shows_the_client_built()
    {
        await using LeonardoEmulator leonardo = await LeonardoEmulator.StartAsync(new LeonardoEmulatorOptions { RunDuration = TimeSpan.FromMilliseconds(100), PendingReads = 1 });
        using ChildCli check = ChildCli.Start(Environment(leonardo), "providers", "check", "leonardo");
        Assert.True(await check.WaitAsync(TimeSpan.FromSeconds(60)) == 0, check.Output);
        Assert.Contains("PENDING -> COMPLETE", check.Output, StringComparison.Ordinal);
        Assert.Contains("0.0125 DOLLARS", check.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(leonardo.Key, check.Output, StringComparison.Ordinal);
        Assert.Single(leonardo.Generations);

        using ChildCli keyless = ChildCli.Start(new Dictionary<string, string> { ["LEONARDO_API_KEY"] = "" }, "providers", "check", "leonardo");
        Assert.Equal(2, await keyless.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("No Leonardo key: set LEONARDO_API_KEY", keyless.Output, StringComparison.Ordinal);

        using var home = new TempFolder();
        using ChildCli list = ChildCli.Start(Environment(leonardo), "providers", "list", "--json", "--home", home.Path);
        Assert.True(await list.WaitAsync(TimeSpan.FromSeconds(60)) == 0, list.Output);
        JsonElement row = JsonDocument.Parse(list.Output).RootElement.EnumerateArray().Single(r => r.GetProperty("name").GetString() == "leonardo");
        Assert.True(row.GetProperty("client_built").GetBoolean());
        Assert.True(row.GetProperty("available").GetBoolean());
    }

    [Fact]
    public async Task A_study_puts_leonardo_at_its_emulator_beside_the_sims()
    {
        await using LeonardoEmulator leonardo = await LeonardoEmulator.StartAsync(new LeonardoEmulatorOptions { RunDuration = TimeSpan.FromMilliseconds(50) });
        using var home = new TempFolder();
        using var output = new TempFolder();
        await File.WriteAllTextAsync(home.Combine("prices.json"), """{"prices": [{"provider": "leonardo", "app": "leonardo/kino-xl-character-reference", "unit": "image", "usd": 0.03}]}""");
        string cast = Path.Combine(AppContext.BaseDirectory, "samples", "cast").Replace("\\", "/", StringComparison.Ordinal);
        string file = output.Combine("study.yaml");
        await File.WriteAllTextAsync(file, $"""
            name: Leonardo beside the sims
            cast: {cast}
            scenarios: [close-up-portrait, profile]
            variations: 1
            providers: [sim-instant, leonardo]
            megapixels: 0.1
            """);
        string folder = output.Combine("out");
        using ChildCli study = ChildCli.Start(Environment(leonardo), "study", "run", file, "--allow-path", AppContext.BaseDirectory, "--out", folder, "--home", home.Path);
        Assert.True(await study.WaitAsync(TimeSpan.FromSeconds(240)) == 0, study.Output);
        Assert.Contains("8 shots: 0 from the cache (no provider call), 8 new, 0 failed.", study.Output, StringComparison.Ordinal);

        string[] lines = await File.ReadAllLinesAsync(Path.Combine(folder, "results.csv"));
        int provider = Array.IndexOf(lines[0].Split(','), "provider");
        var byProvider = lines.Skip(1).GroupBy(l => l.Split(',')[provider]).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(4, byProvider["leonardo"]);
        Assert.Equal(4, byProvider["sim-instant"]);
        Assert.Equal(4, leonardo.Generations.Count);
        Assert.Equal(4, leonardo.InitImagesUploaded);
        string report = await File.ReadAllTextAsync(Path.Combine(folder, "report.html"));
        Assert.Contains("leonardo", report, StringComparison.Ordinal);
        Assert.Contains("sim-instant", report, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Environment(LeonardoEmulator leonardo) => new()
    {
        ["LEONARDO_API_KEY"] = leonardo.Key,
        ["LIKENESS_LEONARDO_API_URL"] = leonardo.ApiUri.AbsoluteUri,
    };
}
