using Likeness.Core;
using Likeness.Core.Identity;
using Likeness.Core.Providers;
using Likeness.Core.Shots;
using Likeness.Providers.Sim;
using Likeness.Testing;

namespace Likeness.Providers.Tests.Sim;

public sealed class SimProviderTests : IDisposable
{
    private readonly string _state = Directory.CreateTempSubdirectory("likeness-sim-").FullName;
    private readonly ManualTime _clock = new();

    public void Dispose() => Directory.Delete(_state, recursive: true);

    private SimProvider Provider(SimProfile profile, SimOptions? options = null) =>
        new(profile, options ?? new SimOptions { StateDirectory = _state, TrainingDuration = TimeSpan.FromMinutes(10) }, new FixedDistractors([CastPhotos.Load("biden2.jpg")]), null, _clock);

    private static TrainingRequest Training() =>
        new("obama", "obamqzx", [CastPhotos.Load("obama.jpg"), CastPhotos.Load("obama1.jpg")], new Dictionary<string, string> { ["steps"] = "800" });

    [Fact]
    public async Task Training_goes_queued_running_succeeded_with_the_clock_and_resumes_from_its_id()
    {
        using SimProvider lora = Provider(SimProfile.Lora);
        TrainingOperation operation = await lora.StartTrainingAsync(Training());
        Assert.Equal(TrainingStatus.Queued, await operation.UpdateStatusAsync());
        Assert.Throws<InvalidOperationException>(() => operation.Value);

        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(TrainingStatus.Running, await operation.UpdateStatusAsync());
        Assert.InRange(operation.Progress!.Value, 0.40, 0.50);
        Assert.Contains("(simulated)", operation.Logs[^1], StringComparison.Ordinal);

        // Another process (a new provider instance on the same backend) picks the job up from its id alone.
        using SimProvider restarted = Provider(SimProfile.Lora);
        _clock.Advance(TimeSpan.FromMinutes(6));
        TrainingOperation resumed = await restarted.ResumeTrainingAsync(operation.Id);
        Assert.Equal(TrainingStatus.Succeeded, resumed.Status);
        TrainedIdentity value = resumed.Value;
        Assert.Equal(2.00m, value.CostUsd);
        Assert.Contains(value.Files, f => f.Kind == IdentityArtifactKind.Weights && f.Bytes.Length > 0);
        Assert.Contains(value.Files, f => f.Kind == IdentityArtifactKind.Config && System.Text.Encoding.UTF8.GetString(f.Bytes.Span).Contains("\"simulated\":true", StringComparison.Ordinal));

        // The weights carry the identity: generating with them works without the references.
        var weights = value.Files.Single(f => f.Kind == IdentityArtifactKind.Weights).Bytes;
        GenerationResult shot = await restarted.GenerateWithIdentityAsync(new TrainedGenerationRequest(
            "obama", new ShotRequest { Prompt = "portrait", Width = 96, Height = 128, Seed = 3 },
            [new TrainedWeights("w", null, _ => Task.FromResult<Stream>(new MemoryStream(weights.ToArray())))]));
        Assert.True(shot.Simulated);
        Assert.Equal(96 * 128 / 1_000_000m * 0.035m, shot.CostUsd);
    }

    [Fact]
    public async Task Cancelled_failed_and_unknown_jobs_say_so()
    {
        using SimProvider lora = Provider(SimProfile.Lora);
        TrainingOperation operation = await lora.StartTrainingAsync(Training());
        await operation.CancelAsync();
        Assert.Equal(TrainingStatus.Cancelled, operation.Status);

        using SimProvider failing = Provider(SimProfile.Lora, new SimOptions { StateDirectory = _state, TrainingFailureRate = 1, TrainingDuration = TimeSpan.FromSeconds(1) });
        TrainingOperation doomed = await failing.StartTrainingAsync(Training());
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(TrainingStatus.Failed, await doomed.UpdateStatusAsync());
        Assert.Contains("Simulated training failure", doomed.FailureReason, StringComparison.Ordinal);
        TrainingFailedException failed = await Assert.ThrowsAsync<TrainingFailedException>(() => doomed.WaitForCompletionAsync(TimeSpan.FromSeconds(1), _clock));
        Assert.Equal((TrainingStatus.Failed, doomed.Id, "sim-lora", ErrorKind.ProviderFailed), (failed.TrainingStatus, failed.JobId, failed.Provider, failed.Kind));
        Assert.Contains("Simulated training failure", failed.Message, StringComparison.Ordinal);
        Assert.Equal(TrainingStatus.Cancelled, (await Assert.ThrowsAsync<TrainingFailedException>(() => operation.WaitForCompletionAsync(TimeSpan.FromSeconds(1), _clock))).TrainingStatus);

        Assert.Equal(404, (await Assert.ThrowsAsync<ProviderException>(() => lora.ResumeTrainingAsync("simjob_nope"))).Status);
        Assert.Equal(400, (await Assert.ThrowsAsync<ProviderException>(() => lora.ResumeTrainingAsync("../../etc/passwd"))).Status);
    }

    [Fact]
    public async Task Profiles_refuse_what_they_cannot_do_and_inject_failures_when_asked()
    {
        using SimProvider instant = Provider(SimProfile.Instant);
        Assert.Equal(404, (await Assert.ThrowsAsync<ProviderException>(() => instant.StartTrainingAsync(Training()))).Status);

        using SimProvider flaky = Provider(SimProfile.Instant, new SimOptions { StateDirectory = _state, FailureRate = 1 });
        var request = new ReferenceGenerationRequest("obama", new ShotRequest { Prompt = "portrait", Width = 64, Height = 64 }, [CastPhotos.Load("obama.jpg")]);
        ProviderException error = await Assert.ThrowsAsync<ProviderException>(() => flaky.GenerateFromReferencesAsync(request));
        Assert.True(error.Retriable);
        Assert.Equal(503, error.Status);

        GenerationResult a = await instant.GenerateFromReferencesAsync(request);
        GenerationResult b = await instant.GenerateFromReferencesAsync(request);
        Assert.Equal(a.Images[0].Bytes.ToArray(), b.Images[0].Bytes.ToArray());
        Assert.Equal(a.Latency, b.Latency);
        Assert.Equal("true", a.Metadata["simulated"]);
        Assert.Throws<ArgumentOutOfRangeException>(() => new SimOptions { StateDirectory = _state, FailureRate = 2 }.Validate());
    }

    [Fact]
    public async Task The_sim_raises_the_sending_signal_where_a_hosted_provider_would_send_even_for_a_call_that_then_fails()
    {
        using SimProvider instant = Provider(SimProfile.Instant);
        using SimProvider flaky = Provider(SimProfile.Instant, new SimOptions { StateDirectory = _state, FailureRate = 1 });
        using SimProvider lora = Provider(SimProfile.Lora);
        var request = new ReferenceGenerationRequest("obama", new ShotRequest { Prompt = "portrait", Width = 64, Height = 64 }, [CastPhotos.Load("obama.jpg")]);
        var signalled = new List<string>();

        async Task CallAsync(string what, Func<Task> call)
        {
            using (SubmissionWatch.OnSending(_ =>
            {
                signalled.Add(what);
                return Task.CompletedTask;
            }))
            {
                await call();
            }
        }

        await CallAsync("shot", () => instant.GenerateFromReferencesAsync(request));
        await CallAsync("failed shot", () => Assert.ThrowsAsync<ProviderException>(() => flaky.GenerateFromReferencesAsync(request)));
        await CallAsync("training", () => lora.StartTrainingAsync(Training()));
        await CallAsync("refused", () => Assert.ThrowsAsync<ProviderException>(() => instant.StartTrainingAsync(Training())));

        // A refused request never "left"; the others did, each once.
        Assert.Equal(["shot", "failed shot", "training"], signalled);
    }
}
