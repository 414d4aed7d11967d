using System.Text.Json;
using Likeness.Core.Providers;
using Likeness.Core.Shots;
using Likeness.Imaging;
using Likeness.Providers.Fal;
using Likeness.Providers.Fal.Models;
using Likeness.Testing;
using Likeness.Testing.Emulators.Fal;

namespace Likeness.Providers.Tests.Fal;

/// <summary>fal-ai/instant-character end to end against the emulator, through the provider and the raw queue API.</summary>
public sealed class InstantCharacterContractTests
{
    private static readonly ShotRequest Shot = new() { Prompt = "portrait in a café", NegativePrompt = "blurry", Width = 512, Height = 640, Seed = 42, Steps = 20, Guidance = 4.5, Count = 2 };

    [Fact]
    public async Task A_shots_scale_parameter_reaches_instant_character()
    {
        await using FalTestbed bed = await FalTestbed.StartAsync();
        ShotRequest scaled = Shot with { Count = 1, ProviderParameters = new Dictionary<string, string> { ["scale"] = "0.6" } };
        await bed.Provider.GenerateFromReferencesAsync(new ReferenceGenerationRequest("ada", scaled, FalTestbed.Photos(1)));
        Assert.Equal(0.6, Assert.Single(bed.Emulator.Requests).Input.GetProperty("scale").GetDouble());
        await Assert.ThrowsAsync<ArgumentException>(() => bed.Provider.GenerateFromReferencesAsync(new ReferenceGenerationRequest("ada", scaled with { ProviderParameters = new Dictionary<string, string> { ["scale"] = "3" } }, FalTestbed.Photos(1))));
        Assert.Single(bed.Emulator.Requests);
    }

    [Fact]
    public async Task A_shot_maps_every_field_and_comes_back_downloaded_with_cost_and_request_id()
    {
        await using FalTestbed bed = await FalTestbed.StartAsync();
        GenerationResult result = await bed.Provider.GenerateFromReferencesAsync(new ReferenceGenerationRequest("ada", Shot, FalTestbed.Photos()));

        Assert.Equal(2, result.Images.Count);
        foreach (GeneratedImage image in result.Images)
        {
            using DecodedImage decoded = ImageDecoder.Decode(image.Bytes.Span);
            Assert.Equal((512, 640), (decoded.Image.Width, decoded.Image.Height));
            Assert.Equal((512, 640), (image.Width, image.Height));
        }

        FalEmulatedRequest sent = Assert.Single(bed.Emulator.Requests);
        Assert.Equal(FalApps.InstantCharacter, sent.EndpointId);
        Assert.Equal(result.ProviderRequestId, sent.RequestId);
        JsonElement input = sent.Input;
        Assert.Equal("portrait in a café", input.GetProperty("prompt").GetString());
        Assert.Equal("blurry", input.GetProperty("negative_prompt").GetString());
        Assert.Equal(512, input.GetProperty("image_size").GetProperty("width").GetInt32());
        Assert.Equal(640, input.GetProperty("image_size").GetProperty("height").GetInt32());
        Assert.Equal(2, input.GetProperty("num_images").GetInt32());
        Assert.Equal(42, input.GetProperty("seed").GetInt64());
        Assert.Equal(20, input.GetProperty("num_inference_steps").GetInt32());
        Assert.Equal(4.5, input.GetProperty("guidance_scale").GetDouble());
        Assert.Equal("jpeg", input.GetProperty("output_format").GetString());
        // The frontal photo was uploaded to fal storage, not inlined (data URIs are off by default).
        Assert.StartsWith(bed.Emulator.CdnUri.AbsoluteUri, input.GetProperty("image_url").GetString(), StringComparison.Ordinal);

        // $0.10 per megapixel, per image.
        Assert.Equal(2 * 0.10m * 512 * 640 / 1_000_000m, result.CostUsd);
        Assert.Equal("42", result.Metadata["fal.seed"]);
        Assert.False(result.Simulated);
    }

    [Fact]
    public async Task The_queue_life_cycle_reports_queued_running_with_logs_then_completed()
    {
        var time = new ManualTime();
        await using FalTestbed bed = await FalTestbed.StartAsync(e => (e.Time, e.QueueDelay, e.RunDuration) = (time, TimeSpan.FromMilliseconds(150), TimeSpan.FromMilliseconds(300)));
        string photo = await bed.Client.Storage.ToInputUrlAsync(FalTestbed.Photos(1)[0].Bytes, "image/jpeg", "ada.jpg");
        FalRequestHandle handle = await bed.Client.SubmitAsync(FalApps.InstantCharacter, new InstantCharacterInput { Prompt = "x", ImageUrl = photo });
        Assert.Equal($"{bed.Emulator.QueueUri}fal-ai/instant-character/requests/{handle.RequestId}/status", handle.StatusUrl.AbsoluteUri);

        // Each poll is recorded, then the emulator's clock moves on 100 ms: every phase is seen, however slow the machine.
        var seen = new List<FalQueueStatus>();
        FalQueueStatus done = await bed.Client.WaitForCompletionAsync(handle, new ListProgress<FalQueueStatus>(seen, _ => time.Advance(TimeSpan.FromMilliseconds(100))));
        Assert.Equal(FalQueueState.Completed, done.Status);
        Assert.Equal(FalQueueState.InQueue, seen[0].Status);
        Assert.Contains(seen, s => s.Status == FalQueueState.InQueue);
        Assert.Contains(seen, s => s.Status == FalQueueState.InProgress && s.Logs is { Count: > 0 });
        Assert.NotNull(done.Logs);

        FalResult<JsonElement> result = await bed.Client.GetResultAsync(handle);
        FalImageOutput output = FalJson.Read<FalImageOutput>(result.Value);
        FalImage image = Assert.Single(output.Images);
        Assert.NotNull(image.ContentType);
        Assert.True(image.FileSize > 0);
        Assert.NotNull(output.HasNsfwConcepts);
        Assert.Equal("x", output.Prompt);
    }

    [Fact]
    public async Task A_result_read_before_completion_is_refused_and_an_unknown_id_is_404()
    {
        await using FalTestbed bed = await FalTestbed.StartAsync(e => e.QueueDelay = TimeSpan.FromSeconds(5));
        string photo = await bed.Client.Storage.ToInputUrlAsync(FalTestbed.Photos(1)[0].Bytes, "image/jpeg", "ada.jpg");
        FalRequestHandle handle = await bed.Client.SubmitAsync(FalApps.InstantCharacter, new InstantCharacterInput { Prompt = "x", ImageUrl = photo });
        FalException early = await Assert.ThrowsAsync<FalException>(() => bed.Client.GetResultAsync(handle));
        Assert.Equal(400, early.Status);
        FalException unknown = await Assert.ThrowsAsync<FalException>(() => bed.Client.GetStatusAsync(bed.Client.Rehydrate(FalApps.InstantCharacter, "no-such-id")));
        Assert.Equal(404, unknown.Status);

        FalCancelResult cancelled = await bed.Client.CancelAsync(handle);
        Assert.True(cancelled.Accepted);
        Assert.Equal(202, cancelled.HttpStatus);
        Assert.Equal("NOT_FOUND", (await bed.Client.CancelAsync(bed.Client.Rehydrate(FalApps.InstantCharacter, "no-such-id"))).Status);
    }

    [Fact]
    public async Task A_validation_failure_surfaces_as_a_422_with_details()
    {
        await using FalTestbed bed = await FalTestbed.StartAsync();
        FalException error = await Assert.ThrowsAsync<FalException>(() =>
            bed.Client.SubscribeAsync<InstantCharacterInput, FalImageOutput>(FalApps.InstantCharacter, new InstantCharacterInput { Prompt = "x", ImageUrl = bed.Emulator.CdnUri + "files/missing.png" }));
        Assert.Equal(422, error.Status);
        Assert.Contains(error.ValidationErrors, d => d.Location.SequenceEqual(["body", "image_url"]));
    }

    [Fact]
    public async Task Small_files_can_travel_as_data_uris_and_the_sync_host_runs_directly()
    {
        await using FalTestbed bed = await FalTestbed.StartAsync(client: o => o.DataUriMaxBytes = 1 << 20);
        ReadOnlyMemory<byte> photo = FalTestbed.Photos(1)[0].Bytes;
        string url = await bed.Client.Storage.ToInputUrlAsync(photo, "image/jpeg", "ada.jpg");
        Assert.StartsWith("data:image/jpeg;base64,", url, StringComparison.Ordinal);
        FalResult<JsonElement> run = await bed.Client.RunAsync(FalApps.InstantCharacter, FalJson.ToElement(new InstantCharacterInput { Prompt = "x", ImageUrl = url, ImageSize = new FalImageSize(256, 256) }));
        FalImage image = Assert.Single(FalJson.Read<FalImageOutput>(run.Value).Images);
        Assert.Equal(256, image.Width);
        Assert.Empty(bed.Emulator.Requests);
    }
}

/// <summary>Collects progress reports synchronously, running <paramref name="then"/> after each.</summary>
internal sealed class ListProgress<T>(List<T> list, Action<T>? then = null) : IProgress<T>
{
    public void Report(T value)
    {
        lock (list)
        {
            list.Add(value);
        }

        then?.Invoke(value);
    }
}
