using System.Text.RegularExpressions;
using Likeness.Testing;
using Likeness.Testing.Emulators.Astria;

namespace Likeness.Cli.Tests.Providers;

/// <summary>The CLI against the Astria emulator, each command in its own process pointed at it through the environment.</summary>
public sealed partial class AstriaCliTests
{
    private static readonly string[] Photos = ["obama.jpg", "obama1.jpg", "obama2.jpg", "obama3.jpg"];

    [Fact]
    public async Task A_tune_killed_mid_training_is_resumed_by_a_new_process_from_the_stored_tune_id_with_one_submission()
    {
        // The emulator's clock stands still until the test moves it: the tune cannot be trained before the kill.
        var time = new ManualTime();
        await using AstriaEmulator astria = await AstriaEmulator.StartAsync(new AstriaEmulatorOptions
        {
            Time = time, QueueDelay = TimeSpan.FromMilliseconds(50), TrainingDuration = TimeSpan.FromSeconds(8), PromptDuration = TimeSpan.Zero,
        });
        astria.ImageSide = 256;
        using var home = new TempFolder();
        string cast = Path.Combine(AppContext.BaseDirectory, "samples", "cast");
        Assert.Equal(0, (await CliRunner.RunAsync("character", "create", "Ada", "--home", home.Path, "--trigger", "adaqzx")).ExitCode);
        var (added, addOut, addErr) = await CliRunner.RunAsync(["character", "add-refs", "Ada", .. Photos.Select(p => Path.Combine(cast, p)), "--home", home.Path]);
        Assert.True(added == 0, addOut + addErr);

        using (ChildCli create = ChildCli.Start(Environment(astria), "identity", "create", "--character", "Ada", "--provider", "astria", "--home", home.Path))
        {
            // Kill it once the identity is stored with the tune id, while the tune is still training.
            string? row = null;
            for (int i = 0; i < 300 && row is null; i++)
            {
                await Task.Delay(100);
                var (_, list, _) = await CliRunner.RunAsync("identity", "list", "--character", "Ada", "--home", home.Path);
                row = list.Split('\n').FirstOrDefault(l => l.Contains("Training", StringComparison.Ordinal) && astria.Jobs.Any(j => l.Contains(j.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)));
            }

            Assert.True(row is not null, "the training was never recorded:\n" + create.Output);
            time.Advance(astria.Options.QueueDelay + (astria.Options.TrainingDuration / 2));
            create.Kill();
            Assert.NotEqual(0, create.ExitCode);
            Assert.DoesNotContain("ready", create.Output, StringComparison.Ordinal);
        }

        AstriaEmulatedJob tune = Assert.Single(astria.Jobs);
        Assert.Equal(("tune", "flux1", "lora", 4), (tune.Kind, tune.Branch, tune.ModelType, tune.Images));
        var (_, listed, _) = await CliRunner.RunAsync("identity", "list", "--character", "Ada", "--home", home.Path);
        string id = IdPattern().Match(listed).Value;

        // Astria finishes the tune while no process follows it; a new one picks it up from the stored tune id.
        time.Advance(astria.Options.TrainingDuration / 2);
        using ChildCli resume = ChildCli.Start(Environment(astria), "identity", "resume", id, "--home", home.Path);
        Assert.True(await resume.WaitAsync(TimeSpan.FromSeconds(90)) == 0, resume.Output);
        Assert.Contains("astria v1 (trained): ready", resume.Output, StringComparison.Ordinal);
        Assert.Equal(1, astria.TuneSubmissions);
        var (_, after, _) = await CliRunner.RunAsync("identity", "list", "--character", "Ada", "--home", home.Path);
        Assert.Contains("Ready", after, StringComparison.Ordinal);
        Assert.Contains("$1.50", after, StringComparison.Ordinal);

        // The resumed identity generates on the Flux base with its tune's LoRA tag.
        astria.Options.Time = new ShiftedTime(time.GetUtcNow());
        using ChildCli generate = ChildCli.Start(Environment(astria), "generate", "--character", "Ada", "--prompt", "on a boat", "--provider", "astria", "--home", home.Path);
        Assert.True(await generate.WaitAsync(TimeSpan.FromSeconds(60)) == 0, generate.Output);
        Assert.Contains("1 shot(s), 0 from the cache", generate.Output, StringComparison.Ordinal);
        AstriaEmulatedJob prompt = Assert.Single(astria.Jobs, j => j.Kind == "prompt");
        Assert.StartsWith($"<lora:{tune.Id}:1.0> adaqzx", prompt.Title, StringComparison.Ordinal);
        Assert.Equal(1, astria.TuneSubmissions);
    }

    [Fact]
    public async Task Identity_create_with_astria_sdxl_trains_an_sdxl1_tune_and_generate_prompts_it_directly()
    {
        await using AstriaEmulator astria = await AstriaEmulator.StartAsync(new AstriaEmulatorOptions { TrainingDuration = TimeSpan.FromMilliseconds(300), PromptDuration = TimeSpan.Zero });
        astria.ImageSide = 256;
        using var home = new TempFolder();
        string cast = Path.Combine(AppContext.BaseDirectory, "samples", "cast");
        Assert.Equal(0, (await CliRunner.RunAsync("character", "create", "Ada", "--home", home.Path, "--trigger", "adaqzx")).ExitCode);
        var (added, addOut, addErr) = await CliRunner.RunAsync(["character", "add-refs", "Ada", .. Photos.Select(p => Path.Combine(cast, p)), "--home", home.Path]);
        Assert.True(added == 0, addOut + addErr);

        using ChildCli create = ChildCli.Start(Environment(astria), "identity", "create", "--character", "Ada", "--provider", "astria-sdxl", "--home", home.Path);
        Assert.True(await create.WaitAsync(TimeSpan.FromSeconds(90)) == 0, create.Output);
        Assert.Contains("astria-sdxl v1 (trained): ready", create.Output, StringComparison.Ordinal);
        AstriaEmulatedJob tune = Assert.Single(astria.Jobs);
        Assert.Equal(("sdxl1", "pti", "adaqzx"), (tune.Sent!["branch"], tune.ModelType, tune.Sent["token"]));
        Assert.False(tune.Sent.ContainsKey("model_type"));

        using ChildCli generate = ChildCli.Start(Environment(astria), "generate", "--character", "Ada", "--prompt", "on a boat", "--provider", "astria-sdxl", "--home", home.Path);
        Assert.True(await generate.WaitAsync(TimeSpan.FromSeconds(60)) == 0, generate.Output);
        Assert.Contains("1 shot(s), 0 from the cache", generate.Output, StringComparison.Ordinal);
        AstriaEmulatedJob prompt = Assert.Single(astria.Jobs, j => j.Kind == "prompt");
        Assert.Equal(tune.Id, prompt.TuneId);
        Assert.StartsWith("adaqzx person", prompt.Title, StringComparison.Ordinal);
        Assert.Contains("on a boat", prompt.Title, StringComparison.Ordinal);
        Assert.DoesNotContain("<lora:", prompt.Title, StringComparison.Ordinal);
        Assert.Equal(1, astria.TuneSubmissions);
    }

    [Fact]
    public async Task Providers_check_astria_runs_a_free_fast_branch_tune_and_prompt_and_deletes_the_tune()
    {
        await using AstriaEmulator astria = await AstriaEmulator.StartAsync(new AstriaEmulatorOptions { PromptDuration = TimeSpan.Zero });
        astria.ImageSide = 256;
        using ChildCli check = ChildCli.Start(Environment(astria), "providers", "check", "astria");
        Assert.True(await check.WaitAsync(TimeSpan.FromSeconds(60)) == 0, check.Output);
        Assert.Contains("on the fast branch: trained_at set", check.Output, StringComparison.Ordinal);
        Assert.Contains("1 mock image(s)", check.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(astria.Key, check.Output, StringComparison.Ordinal);
        Assert.Equal("fast", Assert.Single(astria.Jobs, j => j.Kind == "tune").Branch);
        Assert.Equal(1, astria.PromptSubmissions);

        using ChildCli keyless = ChildCli.Start(new Dictionary<string, string> { ["ASTRIA_API_KEY"] = "" }, "providers", "check", "astria");
        Assert.Equal(2, await keyless.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("No Astria key: set ASTRIA_API_KEY", keyless.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_study_shows_astria_at_its_emulator_beside_a_sim_profile()
    {
        await using AstriaEmulator astria = await AstriaEmulator.StartAsync(new AstriaEmulatorOptions { TrainingDuration = TimeSpan.FromMilliseconds(300), PromptDuration = TimeSpan.Zero });
        astria.ImageSide = 320;
        using var home = new TempFolder();
        using var output = new TempFolder();
        string cast = Path.Combine(AppContext.BaseDirectory, "samples", "cast").Replace("\\", "/", StringComparison.Ordinal);
        string file = output.Combine("study.yaml");
        await File.WriteAllTextAsync(file, $"""
            name: astria beside the sim
            cast: {cast}
            scenarios: [close-up-portrait]
            variations: 1
            providers: [sim-lora, astria]
            megapixels: 0.1
            """);
        string folder = output.Combine("out");
        using ChildCli study = ChildCli.Start(Environment(astria), "study", "run", file, "--allow-path", AppContext.BaseDirectory, "--out", folder, "--home", home.Path);
        Assert.True(await study.WaitAsync(TimeSpan.FromSeconds(240)) == 0, study.Output);
        Assert.Contains("0 failed", study.Output, StringComparison.Ordinal);

        string[] lines = await File.ReadAllLinesAsync(Path.Combine(folder, "results.csv"));
        string[] header = lines[0].Split(',');
        int provider = Array.IndexOf(header, "provider"), cost = Array.IndexOf(header, "cost_usd");
        string[][] astriaRows = [.. lines.Skip(1).Select(l => l.Split(',')).Where(r => r[provider] == "astria")];
        Assert.NotEmpty(astriaRows);
        Assert.Contains(lines.Skip(1), l => l.Split(',')[provider] == "sim-lora");
        Assert.All(astriaRows, r => Assert.Equal(0.1m, decimal.Parse(r[cost], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains("astria", await File.ReadAllTextAsync(Path.Combine(folder, "report.html")), StringComparison.Ordinal);

        // One tune per character, one prompt per astria shot, each on the Flux base with its tune's tag.
        Assert.Equal(astriaRows.Length, astria.PromptSubmissions);
        Assert.All(astria.Jobs.Where(j => j.Kind == "prompt"), p => Assert.StartsWith("<lora:", p.Title, StringComparison.Ordinal));
        Assert.Equal(astria.Jobs.Count(j => j.Kind == "tune"), astria.TuneSubmissions);
    }

    private static Dictionary<string, string> Environment(AstriaEmulator astria) => new()
    {
        ["ASTRIA_API_KEY"] = astria.Key,
        ["LIKENESS_ASTRIA_API_URL"] = astria.BaseUri.AbsoluteUri,
    };

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex IdPattern();
}
