using System.Text.RegularExpressions;
using Likeness.Testing;
using Likeness.Testing.Emulators.Fal;

namespace Likeness.Cli.Tests.Providers;

/// <summary>The CLI against the fal emulator, each command in its own process pointed at it through the environment.</summary>
public sealed partial class FalCliTests
{
    private const string Training = "fal-ai/flux-lora-fast-training";
    private static readonly string[] Photos = ["obama.jpg", "obama1.jpg", "obama2.jpg", "obama3.jpg"];

    [Fact]
    public async Task A_training_killed_mid_way_is_resumed_by_a_new_process_from_the_stored_request_id()
    {
        // The emulator's clock stands still until the test moves it: the training cannot finish before the kill,
        // however slow the machine (the CLI processes still poll in real time).
        var time = new ManualTime();
        await using FalEmulator fal = await FalEmulator.StartAsync(new FalEmulatorOptions { Time = time, QueueDelay = TimeSpan.FromMilliseconds(50), TrainingDuration = TimeSpan.FromSeconds(8) });
        using var home = new TempFolder();
        string cast = Path.Combine(AppContext.BaseDirectory, "samples", "cast");
        Assert.Equal(0, (await CliRunner.RunAsync("character", "create", "Ada", "--home", home.Path, "--trigger", "adaqzx")).ExitCode);
        var (added, addOut, addErr) = await CliRunner.RunAsync(["character", "add-refs", "Ada", .. Photos.Select(p => Path.Combine(cast, p)), "--home", home.Path]);
        Assert.True(added == 0, addOut + addErr);

        using (ChildCli create = ChildCli.Start(Environment(fal), "identity", "create", "--character", "Ada", "--provider", "fal", "--home", home.Path))
        {
            // Kill it once the identity is stored with fal's request id, while fal is still training.
            string? row = null;
            for (int i = 0; i < 300 && row is null; i++)
            {
                await Task.Delay(100);
                var (_, list, _) = await CliRunner.RunAsync("identity", "list", "--character", "Ada", "--home", home.Path);
                row = list.Split('\n').FirstOrDefault(l => l.Contains("Training", StringComparison.Ordinal) && fal.Requests.Any(r => l.Contains(r.RequestId, StringComparison.Ordinal)));
            }

            Assert.True(row is not null, "the training was never recorded:\n" + create.Output);
            time.Advance(fal.Options.QueueDelay + (fal.Options.TrainingDuration / 2));
            create.Kill();
            Assert.NotEqual(0, create.ExitCode);
            Assert.DoesNotContain("ready", create.Output, StringComparison.Ordinal);
        }

        FalEmulatedRequest training = Assert.Single(fal.Requests);
        Assert.Equal(Training, training.EndpointId);
        Assert.NotEqual("COMPLETED", training.Status);
        Assert.Equal("IN_PROGRESS", training.Status);
        var (_, listed, _) = await CliRunner.RunAsync("identity", "list", "--character", "Ada", "--home", home.Path);
        string id = IdPattern().Match(listed).Value;

        // fal finishes the training while no process follows it; a new one picks it up from the stored request id.
        time.Advance(fal.Options.TrainingDuration / 2);
        using ChildCli resume = ChildCli.Start(Environment(fal), "identity", "resume", id, "--home", home.Path);
        Assert.True(await resume.WaitAsync(TimeSpan.FromSeconds(90)) == 0, resume.Output);
        Assert.Contains("fal v1 (trained): ready", resume.Output, StringComparison.Ordinal);
        Assert.Contains("step ", resume.Output, StringComparison.Ordinal);
        Assert.Equal(1, fal.Submissions(Training));

        var (_, after, _) = await CliRunner.RunAsync("identity", "list", "--character", "Ada", "--home", home.Path);
        Assert.Contains("Ready", after, StringComparison.Ordinal);
        Assert.Contains(training.RequestId, after, StringComparison.Ordinal);
        Assert.Contains("$2.00", after, StringComparison.Ordinal);

        // The resumed identity generates through fal-ai/flux-lora with its LoRA, the emulator's clock running on in real time.
        fal.Options.Time = new ShiftedTime(time.GetUtcNow());
        using ChildCli generate = ChildCli.Start(Environment(fal), "generate", "--character", "Ada", "--prompt", "on a boat", "--provider", "fal", "--home", home.Path);
        Assert.True(await generate.WaitAsync(TimeSpan.FromSeconds(60)) == 0, generate.Output);
        Assert.Contains("1 shot(s), 0 from the cache", generate.Output, StringComparison.Ordinal);
        FalEmulatedRequest shot = Assert.Single(fal.Requests, r => r.EndpointId == "fal-ai/flux-lora");
        Assert.Contains("adaqzx", shot.Input.GetProperty("prompt").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, shot.Input.GetProperty("loras").GetArrayLength());
    }

    [Fact]
    public async Task Providers_check_fal_runs_the_smoke_test_against_the_configured_hosts()
    {
        await using FalEmulator fal = await FalEmulator.StartAsync();
        using ChildCli check = ChildCli.Start(Environment(fal), "providers", "check", "fal");
        Assert.True(await check.WaitAsync(TimeSpan.FromSeconds(60)) == 0, check.Output);
        Assert.Contains("queue     fal-ai/flux-lora 256x256: ", check.Output, StringComparison.Ordinal);
        Assert.Contains("COMPLETED", check.Output, StringComparison.Ordinal);
        Assert.Contains("1 Ed25519 signing key(s)", check.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(fal.Key, check.Output, StringComparison.Ordinal);
        Assert.Equal(1, fal.Submissions("fal-ai/flux-lora"));

        using ChildCli keyless = ChildCli.Start(new Dictionary<string, string> { ["FAL_KEY"] = "" }, "providers", "check", "fal");
        Assert.Equal(2, await keyless.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("No fal key: set FAL_KEY", keyless.Output, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Environment(FalEmulator fal) => new()
    {
        ["FAL_KEY"] = fal.Key,
        ["LIKENESS_FAL_QUEUE_URL"] = fal.QueueUri.AbsoluteUri,
        ["LIKENESS_FAL_SYNC_URL"] = fal.SyncUri.AbsoluteUri,
        ["LIKENESS_FAL_REST_URL"] = fal.RestUri.AbsoluteUri,
        ["LIKENESS_FAL_JWKS_URL"] = fal.JwksUri.AbsoluteUri,
    };

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex IdPattern();
}
