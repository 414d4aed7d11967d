using System.Text;
using System.Text.Json;
using Likeness.Core.Identity;
using Likeness.Core.Providers;
using Likeness.Core.Shots;
using Likeness.Providers.Fal;
using Likeness.Testing;
using Likeness.Testing.Emulators.Fal;

namespace Likeness.Providers.Tests.Fal;

/// <summary>FLUX LoRA fast training and FLUX LoRA generation against the emulator.</summary>
public sealed class FluxLoraContractTests
{
    private static readonly Dictionary<string, string> Steps = new() { ["steps"] = "500" };

    private static TrainingRequest Training() => new("ada", "adaqzx", FalTestbed.Photos(), Steps);

    private static ShotRequest Shot => new() { Prompt = "adaqzx on a boat", Width = 384, Height = 512, Seed = 3, Count = 1 };

    [Fact]
    public async Task Training_runs_to_completion_and_its_files_are_downloaded_at_once()
    {
        await using FalTestbed bed = await FalTestbed.StartAsync();
        TrainingOperation operation = await bed.Provider.StartTrainingAsync(Training());
        FalEmulatedRequest sent = Assert.Single(bed.Emulator.Requests);
        Assert.Equal(operation.Id, sent.RequestId);
        Assert.Equal(FalApps.FluxLoraFastTraining, sent.EndpointId);
        Assert.Equal("adaqzx", sent.Input.GetProperty("trigger_word").GetString());
        Assert.Equal(500, sent.Input.GetProperty("steps").GetInt32());
        Assert.True(sent.Input.GetProperty("create_masks").GetBoolean());
        Assert.StartsWith(bed.Emulator.CdnUri.AbsoluteUri, sent.Input.GetProperty("images_data_url").GetString(), StringComparison.Ordinal);

        var progress = new List<TrainingProgress>();
        TrainedIdentity waited = await operation.WaitForCompletionAsync(TimeSpan.FromSeconds(1), TimeProvider.System, new ListProgress<TrainingProgress>(progress));
        Assert.Equal(TrainingStatus.Succeeded, operation.Status);
        Assert.Same(operation.Value, waited);
        Assert.Equal(new TrainingProgress(TrainingStatus.Succeeded, 1, operation.Logs[^1]), progress[^1]);
        Assert.Contains(operation.Logs, l => l.StartsWith("step ", StringComparison.Ordinal));
        Assert.Equal(1, operation.Progress);

        TrainedIdentity trained = operation.Value;
        TrainedFile weights = Assert.Single(trained.Files, f => f.Kind == IdentityArtifactKind.Weights);
        Assert.EndsWith(".safetensors", weights.Name, StringComparison.Ordinal);
        Assert.Contains("adaqzx", Encoding.UTF8.GetString(weights.Bytes.Span[..Math.Min(4096, weights.Bytes.Length)]), StringComparison.Ordinal);
        Assert.NotNull(weights.SourceUri);
        TrainedFile config = Assert.Single(trained.Files, f => f.Kind == IdentityArtifactKind.Config);
        Assert.Equal("adaqzx", JsonDocument.Parse(config.Bytes).RootElement.GetProperty("trigger_word").GetString());
        Assert.Equal(2.00m, trained.CostUsd);
    }

    [Fact]
    public async Task A_training_resumes_from_its_request_id_in_a_fresh_client()
    {
        var time = new ManualTime();
        await using FalTestbed bed = await FalTestbed.StartAsync(e => e.Time = time);
        string id = (await bed.Provider.StartTrainingAsync(Training())).Id;
        time.Advance(bed.Emulator.Options.QueueDelay + (bed.Emulator.Options.TrainingDuration / 2));
        using var fresh = new FalClient(FalTestbed.OptionsFor(bed.Emulator));
        TrainingOperation resumed = await new FalProvider(fresh).ResumeTrainingAsync(id);
        Assert.Equal(id, resumed.Id);
        Assert.Equal(TrainingStatus.Running, resumed.Status);
        time.Advance(bed.Emulator.Options.TrainingDuration / 2);
        Assert.Equal(TrainingStatus.Succeeded, await FalTestbed.CompleteAsync(resumed));
        Assert.NotEmpty(resumed.Value.Files);
        Assert.Equal(1, bed.Emulator.Submissions(FalApps.FluxLoraFastTraining));
    }

    [Fact]
    public async Task A_trained_identity_generates_with_its_source_url_while_fal_serves_it_and_with_stored_bytes_after()
    {
        var time = new ShiftedTime(); // runs in real time; the test skips fal's media retention at once
        await using FalTestbed bed = await FalTestbed.StartAsync(e => e.Time = time);
        TrainingOperation operation = await bed.Provider.StartTrainingAsync(Training());
        await FalTestbed.CompleteAsync(operation);
        TrainedFile file = operation.Value.Files.First(f => f.Kind == IdentityArtifactKind.Weights);
        byte[] stored = file.Bytes.ToArray();
        var weights = new TrainedWeights("a1b2c3d4e5f6a7b8c9d0", file.SourceUri, _ => Task.FromResult<Stream>(new MemoryStream(stored)), Scale: 0.9);

        GenerationResult fresh = await bed.Provider.GenerateWithIdentityAsync(new TrainedGenerationRequest("ada", Shot, [weights]));
        Assert.Single(fresh.Images);
        JsonElement loras = bed.Emulator.Requests[^1].Input.GetProperty("loras");
        Assert.Equal(file.SourceUri!.AbsoluteUri, loras[0].GetProperty("path").GetString());
        Assert.Equal(0.9, loras[0].GetProperty("scale").GetDouble());
        Assert.Equal(0.035m * 384 * 512 / 1_000_000m, fresh.CostUsd);

        // fal's media expire: the source URL is gone, so the stored copy is uploaded again and the identity survives.
        time.Advance(bed.Emulator.Options.MediaRetention);
        FalException gone = await Assert.ThrowsAsync<FalException>(() => bed.Client.DownloadAsync(file.SourceUri.AbsoluteUri));
        Assert.Equal((404, "media_expired"), (gone.Status, gone.ErrorType));

        // A 403 from the media host (a signed link past its expiry) is the same verdict: the host gets no key, so it is
        // no refused key.
        bed.Emulator.Options.ExpiredMediaStatus = 403;
        FalException forbidden = await Assert.ThrowsAsync<FalException>(() => bed.Client.DownloadAsync(file.SourceUri.AbsoluteUri));
        Assert.Equal((403, "media_expired", false, false), (forbidden.Status, forbidden.ErrorType, forbidden.KeySent, forbidden.KeyRefused));
        bed.Emulator.Options.ExpiredMediaStatus = 404;
        GenerationResult later = await bed.Provider.GenerateWithIdentityAsync(new TrainedGenerationRequest("ada", Shot with { Seed = 4 }, [weights]));
        Assert.Single(later.Images);
        string reuploaded = bed.Emulator.Requests[^1].Input.GetProperty("loras")[0].GetProperty("path").GetString()!;
        Assert.NotEqual(file.SourceUri.AbsoluteUri, reuploaded);
        Assert.StartsWith(bed.Emulator.CdnUri.AbsoluteUri, reuploaded, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Several_loras_travel_with_their_scales()
    {
        await using FalTestbed bed = await FalTestbed.StartAsync();
        TrainingOperation a = await bed.Provider.StartTrainingAsync(Training());
        await FalTestbed.CompleteAsync(a);
        byte[] bytes = a.Value.Files[0].Bytes.ToArray();
        TrainedWeights Weights(double scale) => new("ffeeddccbbaa99887766", a.Value.Files[0].SourceUri, _ => Task.FromResult<Stream>(new MemoryStream(bytes)), scale);
        await bed.Provider.GenerateWithIdentityAsync(new TrainedGenerationRequest("ada", Shot, [Weights(1.0), Weights(0.4)]));
        JsonElement loras = bed.Emulator.Requests[^1].Input.GetProperty("loras");
        Assert.Equal([1.0, 0.4], loras.EnumerateArray().Select(l => l.GetProperty("scale").GetDouble()));
    }

    [Fact]
    public async Task A_training_can_be_cancelled_while_it_runs()
    {
        var time = new ManualTime();
        await using FalTestbed bed = await FalTestbed.StartAsync(e => e.Time = time);
        TrainingOperation operation = await bed.Provider.StartTrainingAsync(Training());
        Assert.Equal(TrainingStatus.Queued, await operation.UpdateStatusAsync());
        time.Advance(bed.Emulator.Options.QueueDelay);
        await operation.UpdateStatusAsync();
        Assert.Equal(TrainingStatus.Running, operation.Status);
        await operation.CancelAsync();
        await FalTestbed.CompleteAsync(operation);
        Assert.Equal(TrainingStatus.Cancelled, operation.Status);
        Assert.Equal("CANCELLED", Assert.Single(bed.Emulator.Requests).Status);
        Assert.Throws<InvalidOperationException>(() => operation.Value);
    }

    [Fact]
    public async Task A_queued_training_can_be_cancelled_before_it_starts()
    {
        await using FalTestbed bed = await FalTestbed.StartAsync(e => e.Time = new ManualTime());
        TrainingOperation operation = await bed.Provider.StartTrainingAsync(Training());
        Assert.Equal(TrainingStatus.Queued, await operation.UpdateStatusAsync());
        await operation.CancelAsync();
        await FalTestbed.CompleteAsync(operation);
        Assert.Equal(TrainingStatus.Cancelled, operation.Status);
    }

    [Fact]
    public async Task A_training_that_fails_at_fal_is_reported_with_fal_reason()
    {
        await using FalTestbed bed = await FalTestbed.StartAsync(e => e.FailWith = (endpoint, _) =>
            endpoint == FalApps.FluxLoraFastTraining ? (422, """{"detail":[{"loc":["body","images_data_url"],"msg":"No faces found in the training images","type":"value_error"}]}""") : null);
        TrainingOperation operation = await bed.Provider.StartTrainingAsync(Training());
        Assert.Equal(TrainingStatus.Failed, await FalTestbed.CompleteAsync(operation));
        Assert.Contains("No faces found", operation.FailureReason, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => operation.Value);
    }

    [Fact]
    public async Task A_training_resumed_after_fal_dropped_its_result_fails_saying_so_charged_what_fal_billed()
    {
        var time = new ManualTime();
        await using FalTestbed bed = await FalTestbed.StartAsync(e => e.Time = time);
        string id = (await bed.Provider.StartTrainingAsync(Training())).Id;
        FalEmulatorOptions fal = bed.Emulator.Options;
        time.Advance(fal.QueueDelay + fal.TrainingDuration + fal.ResultRetention); // past the hour fal keeps a small result (large ones go sooner)
        TrainingOperation resumed = await bed.Provider.ResumeTrainingAsync(id);
        Assert.Equal(TrainingStatus.Failed, resumed.Status);
        Assert.Contains("is gone (fal keeps results 1 h", resumed.FailureReason, StringComparison.Ordinal);
        Assert.Contains("billed it, so it is charged and not trained again", resumed.FailureReason, StringComparison.Ordinal);
        Assert.Equal(bed.Provider.Descriptor.Prices.EstimateTraining(FalApps.FluxLoraFastTraining), resumed.ChargedWithoutResultUsd);
        Assert.True(resumed.ChargedWithoutResultUsd > 0);
        Assert.Equal(1, bed.Emulator.Submissions(FalApps.FluxLoraFastTraining));
    }
}
