using System.Text.RegularExpressions;
using Likeness.Testing;
using Likeness.Testing.Emulators.Replicate;

namespace Likeness.Cli.Tests.Providers;

/// <summary>The CLI against the Replicate emulator, each command in its own process pointed at it through the environment.</summary>
public sealed partial class ReplicateCliTests
{
    private static readonly string[] Photos = ["obama.jpg", "obama1.jpg", "obama2.jpg", "obama3.jpg"];

    [Fact]
    public async Task A_training_killed_mid_way_is_resumed_by_a_new_process_from_the_stored_training_id()
    {
        // The emulator's clock stands still until the test moves it: the training cannot finish before the kill.
        var time = new ManualTime();
        await using ReplicateEmulator replicate = await ReplicateEmulator.StartAsync(new ReplicateEmulatorOptions { Time = time, StartDelay = TimeSpan.FromMilliseconds(50), TrainingDuration = TimeSpan.FromSeconds(8) });
        using var home = new TempFolder();
        string cast = Path.Combine(AppContext.BaseDirectory, "samples", "cast");
        Assert.Equal(0, (await CliRunner.RunAsync("character", "create", "Ada", "--home", home.Path, "--trigger", "adaqzx")).ExitCode);
        var (added, addOut, addErr) = await CliRunner.RunAsync(["character", "add-refs", "Ada", .. Photos.Select(p => Path.Combine(cast, p)), "--home", home.Path]);
        Assert.True(added == 0, addOut + addErr);

        using (ChildCli create = ChildCli.Start(Environment(replicate), "identity", "create", "--character", "Ada", "--provider", "replicate", "--home", home.Path))
        {
            string? row = null;
            for (int i = 0; i < 300 && row is null; i++)
            {
                await Task.Delay(100);
                var (_, list, _) = await CliRunner.RunAsync("identity", "list", "--character", "Ada", "--home", home.Path);
                row = list.Split('\n').FirstOrDefault(l => l.Contains("Training", StringComparison.Ordinal) && replicate.Jobs.Any(j => l.Contains(j.Id, StringComparison.Ordinal)));
            }

            Assert.True(row is not null, "the training was never recorded:\n" + create.Output);
            time.Advance(replicate.Options.StartDelay + (replicate.Options.TrainingDuration / 2));
            create.Kill();
            Assert.NotEqual(0, create.ExitCode);
            Assert.DoesNotContain("ready", create.Output, StringComparison.Ordinal);
        }

        ReplicateEmulatedJob training = Assert.Single(replicate.Jobs);
        Assert.Equal(("training", "ostris/flux-dev-lora-trainer", "processing"), (training.Kind, training.Model, training.Status));
        Assert.Contains("likeness-studio/likeness-adaqzx", replicate.Models);
        var (_, listed, _) = await CliRunner.RunAsync("identity", "list", "--character", "Ada", "--home", home.Path);
        string id = IdPattern().Match(listed).Value;

        // Replicate finishes while no process follows it; a new one picks it up from the stored training id.
        time.Advance(replicate.Options.TrainingDuration / 2);
        using ChildCli resume = ChildCli.Start(Environment(replicate), "identity", "resume", id, "--home", home.Path);
        Assert.True(await resume.WaitAsync(TimeSpan.FromSeconds(90)) == 0, resume.Output);
        Assert.Contains("replicate v1 (trained): ready", resume.Output, StringComparison.Ordinal);
        Assert.Equal(1, replicate.Submissions("training"));

        var (_, after, _) = await CliRunner.RunAsync("identity", "list", "--character", "Ada", "--home", home.Path);
        Assert.Contains("Ready", after, StringComparison.Ordinal);
        Assert.Contains(training.Id, after, StringComparison.Ordinal);
        Assert.Contains("$1.04", after, StringComparison.Ordinal);

        // The resumed identity generates with its trained version, the emulator's clock running on in real time.
        replicate.Options.Time = new ShiftedTime(time.GetUtcNow());
        using ChildCli generate = ChildCli.Start(Environment(replicate), "generate", "--character", "Ada", "--prompt", "on a boat", "--provider", "replicate", "--home", home.Path);
        Assert.True(await generate.WaitAsync(TimeSpan.FromSeconds(60)) == 0, generate.Output);
        Assert.Contains("1 shot(s), 0 from the cache", generate.Output, StringComparison.Ordinal);
        ReplicateEmulatedJob shot = Assert.Single(replicate.Jobs, j => j.Kind == "prediction");
        Assert.Equal("likeness-studio/likeness-adaqzx", shot.Model);
        Assert.Contains("adaqzx", shot.Input.GetProperty("prompt").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_training_canceled_at_replicate_while_running_fails_the_identity_and_charges_the_time_it_ran()
    {
        var time = new ManualTime();
        await using ReplicateEmulator replicate = await ReplicateEmulator.StartAsync(new ReplicateEmulatorOptions { Time = time, StartDelay = TimeSpan.FromSeconds(1), TrainingDuration = TimeSpan.FromSeconds(100) });
        using var home = new TempFolder();
        string cast = Path.Combine(AppContext.BaseDirectory, "samples", "cast");
        Assert.Equal(0, (await CliRunner.RunAsync("character", "create", "Ada", "--home", home.Path, "--trigger", "adaqzx")).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync(["character", "add-refs", "Ada", .. Photos.Select(p => Path.Combine(cast, p)), "--home", home.Path])).ExitCode);

        using ChildCli create = ChildCli.Start(Environment(replicate), "identity", "create", "--character", "Ada", "--provider", "replicate", "--home", home.Path);
        for (int i = 0; i < 300 && replicate.Jobs.Count == 0; i++)
        {
            await Task.Delay(100);
        }

        // Half way through, someone cancels it on replicate.com: Replicate bills the 341 s it ran.
        string id = Assert.Single(replicate.Jobs).Id;
        time.Advance(TimeSpan.FromSeconds(1 + 50));
        using (var http = new HttpClient())
        using (var cancel = new HttpRequestMessage(HttpMethod.Post, new Uri(replicate.ApiUri, $"trainings/{id}/cancel")))
        {
            cancel.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", replicate.Token);
            Assert.True((await http.SendAsync(cancel)).IsSuccessStatusCode);
        }

        Assert.Equal(1, await create.WaitAsync(TimeSpan.FromSeconds(90)));
        Assert.Contains($"failed: Training {id} was canceled (charged for the time it ran)., $0.52", create.Output, StringComparison.Ordinal);
        var (_, listed, _) = await CliRunner.RunAsync("identity", "list", "--character", "Ada", "--home", home.Path);
        Assert.Contains("Failed", listed, StringComparison.Ordinal);
        Assert.Contains("$0.52", listed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Providers_check_replicate_runs_the_smoke_test_against_the_configured_root()
    {
        await using ReplicateEmulator replicate = await ReplicateEmulator.StartAsync();
        using ChildCli check = ChildCli.Start(Environment(replicate), "providers", "check", "replicate");
        Assert.True(await check.WaitAsync(TimeSpan.FromSeconds(60)) == 0, check.Output);
        Assert.Contains("account   likeness-studio", check.Output, StringComparison.Ordinal);
        Assert.Contains("predict   black-forest-labs/flux-schnell: ", check.Output, StringComparison.Ordinal);
        Assert.Contains("succeeded", check.Output, StringComparison.Ordinal);
        Assert.Contains("signing secret readable (whsec_ form)", check.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(replicate.Token, check.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(replicate.WebhookSecret, check.Output, StringComparison.Ordinal);
        Assert.Equal(1, replicate.Submissions("prediction"));

        using ChildCli keyless = ChildCli.Start(new Dictionary<string, string> { ["REPLICATE_API_TOKEN"] = "" }, "providers", "check", "replicate");
        Assert.Equal(2, await keyless.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("No Replicate token: set REPLICATE_API_TOKEN", keyless.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_study_compares_replicate_at_its_emulator_with_a_sim_profile()
    {
        await using ReplicateEmulator replicate = await ReplicateEmulator.StartAsync(new ReplicateEmulatorOptions { StartDelay = TimeSpan.FromMilliseconds(20), RunDuration = TimeSpan.FromMilliseconds(40), TrainingDuration = TimeSpan.FromMilliseconds(200) });
        using var home = new TempFolder();
        using var output = new TempFolder();
        string cast = Path.Combine(AppContext.BaseDirectory, "samples", "cast").Replace("\\", "/", StringComparison.Ordinal);
        string file = output.Combine("study.yaml");
        await File.WriteAllTextAsync(file, $"""
            name: replicate beside the sim
            cast: {cast}
            scenarios: [close-up-portrait, profile]
            variations: 1
            providers: [sim-reference, replicate]
            megapixels: 0.25
            """);
        string folder = output.Combine("out");
        using ChildCli study = ChildCli.Start(Environment(replicate), "study", "run", file, "--allow-path", AppContext.BaseDirectory, "--out", folder, "--home", home.Path);
        int exit = await study.WaitAsync(TimeSpan.FromSeconds(180));
        Assert.True(exit == 0, study.Output + (File.Exists(Path.Combine(folder, "results.csv")) ? await File.ReadAllTextAsync(Path.Combine(folder, "results.csv")) : ""));
        Assert.Contains("8 shots: 0 from the cache (no provider call), 8 new, 0 failed.", study.Output, StringComparison.Ordinal);

        // One training per character, one prediction per shot, each with the character's trained version.
        Assert.Equal(2, replicate.Submissions("training"));
        Assert.Equal(4, replicate.Submissions("prediction"));
        string[] lines = await File.ReadAllLinesAsync(Path.Combine(folder, "results.csv"));
        string[] header = lines[0].Split(',');
        int provider = Array.IndexOf(header, "provider"), cost = Array.IndexOf(header, "cost_usd");
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(["replicate", "sim-reference"], rows.Select(r => r[provider]).Distinct().Order());
        Assert.All(rows.Where(r => r[provider] == "replicate"), r => Assert.Equal(4.2m * 0.001525m, decimal.Parse(r[cost], System.Globalization.CultureInfo.InvariantCulture)));
        string report = await File.ReadAllTextAsync(Path.Combine(folder, "report.html"));
        Assert.Contains("replicate", report, StringComparison.Ordinal);
        Assert.Contains("sim-reference", report, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Environment(ReplicateEmulator replicate) => new()
    {
        ["REPLICATE_API_TOKEN"] = replicate.Token,
        ["LIKENESS_REPLICATE_API_URL"] = replicate.ApiUri.AbsoluteUri,
    };

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex IdPattern();
}
