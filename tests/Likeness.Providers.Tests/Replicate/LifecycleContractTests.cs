using System.Formats.Tar;
using System.Text.Json;
using Likeness.Core.Identity;
using Likeness.Core.Providers;
using Likeness.Imaging;
using Likeness.Providers.Replicate;
using Likeness.Providers.Replicate.Models;
using Likeness.Testing;
using Likeness.Testing.Emulators.Replicate;

namespace Likeness.Providers.Tests.Replicate;

/// <summary>Training and generation against the Replicate emulator, field for field as providers.md §2 gives them.</summary>
public sealed class LifecycleContractTests
{
    [Fact]
    public async Task Training_creates_the_destination_sends_captions_and_copies_the_weights_at_the_measured_price()
    {
        await using ReplicateTestbed bed = await ReplicateTestbed.StartAsync();
        TrainingOperation operation = await bed.Provider.StartTrainingAsync(ReplicateTestbed.Training(new Dictionary<string, string> { ["steps"] = "800" }));

        Assert.Contains("likeness-studio/likeness-adaqzx", bed.Emulator.Models);
        ReplicateEmulatedJob job = Assert.Single(bed.Emulator.Jobs);
        Assert.Equal(("training", "ostris/flux-dev-lora-trainer", ReplicateEmulator.FluxTrainerVersion), (job.Kind, job.Model, job.Version));
        Assert.Equal("adaqzx", job.Input.GetProperty("trigger_word").GetString());
        Assert.False(job.Input.GetProperty("autocaption").GetBoolean());
        Assert.Equal(800, job.Input.GetProperty("steps").GetInt32());
        Assert.Equal(4e-4, job.Input.GetProperty("learning_rate").GetDouble());
        Assert.Equal(16, job.Input.GetProperty("lora_rank").GetInt32());
        Assert.StartsWith(bed.Emulator.ApiUri + "files/", job.Input.GetProperty("input_images").GetString(), StringComparison.Ordinal);

        Assert.Equal(TrainingStatus.Succeeded, await ReplicateTestbed.CompleteAsync(operation));
        Assert.Contains(operation.Logs, l => l.Contains("Using 4 captions supplied with 4 images", StringComparison.Ordinal));
        Assert.Equal(1, operation.Progress);
        TrainedIdentity trained = operation.Value;
        Assert.StartsWith("likeness-studio/likeness-adaqzx:", trained.ProviderModelId, StringComparison.Ordinal);
        Assert.Equal(682 * 0.001525m, trained.CostUsd);
        TrainedFile weights = Assert.Single(trained.Files);
        Assert.Equal(IdentityArtifactKind.Weights, weights.Kind);
        using var tar = new TarReader(new MemoryStream(weights.Bytes.ToArray()));
        Assert.Equal("lora.safetensors", tar.GetNextEntry()?.Name);
    }

    [Fact]
    public async Task A_resumed_training_is_followed_from_its_id_alone()
    {
        await using ReplicateTestbed bed = await ReplicateTestbed.StartAsync();
        TrainingOperation started = await bed.Provider.StartTrainingAsync(ReplicateTestbed.Training());
        TrainingOperation resumed = await bed.Provider.ResumeTrainingAsync(started.Id);
        Assert.Equal(TrainingStatus.Succeeded, await ReplicateTestbed.CompleteAsync(resumed));
        Assert.Equal(1, bed.Emulator.Submissions("training"));
        Assert.NotNull(resumed.Value.ProviderModelId);
    }

    [Fact]
    public async Task The_sdxl_trainer_gets_its_own_inputs_and_the_trainer_s_latest_version()
    {
        await using ReplicateTestbed bed = await ReplicateTestbed.StartAsync(provider: new ReplicateProviderOptions { Trainer = ReplicateTrainer.SdxlLora, SupplyCaptions = false });
        TrainingOperation operation = await bed.Provider.StartTrainingAsync(ReplicateTestbed.Training());
        ReplicateEmulatedJob job = Assert.Single(bed.Emulator.Jobs);
        Assert.Equal("stability-ai/sdxl", job.Model);
        Assert.Equal("adaqzx", job.Input.GetProperty("token_string").GetString());
        Assert.Equal(32, job.Input.GetProperty("lora_rank").GetInt32());
        Assert.Equal(TrainingStatus.Succeeded, await ReplicateTestbed.CompleteAsync(operation));
        Assert.Contains(operation.Logs, l => l.Contains("Autocaptioning 4 images", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Generation_runs_the_trained_version_with_lora_scale_and_extra_lora_and_is_charged_the_measured_time()
    {
        await using ReplicateTestbed bed = await ReplicateTestbed.StartAsync(provider: new ReplicateProviderOptions { ExtraLora = "owner/style-lora", ExtraLoraScale = 0.5 });
        string version = bed.TrainedVersion();
        TrainedGenerationRequest request = ReplicateTestbed.Shot(version, count: 2) with { Weights = [new TrainedWeights("ab", null, _ => Task.FromResult(Stream.Null), 0.9)] };

        GenerationResult result = await bed.Provider.GenerateWithIdentityAsync(request);

        ReplicateEmulatedJob job = Assert.Single(bed.Emulator.Jobs);
        Assert.Equal(version.Split(':')[1], job.Version);
        Assert.Equal("adaqzx on a boat", job.Input.GetProperty("prompt").GetString());
        Assert.Equal(("custom", 512, 512, 2), (job.Input.GetProperty("aspect_ratio").GetString(), job.Input.GetProperty("width").GetInt32(), job.Input.GetProperty("height").GetInt32(), job.Input.GetProperty("num_outputs").GetInt32()));
        Assert.Equal(0.9, job.Input.GetProperty("lora_scale").GetDouble());
        Assert.Equal(("owner/style-lora", 0.5), (job.Input.GetProperty("extra_lora").GetString(), job.Input.GetProperty("extra_lora_scale").GetDouble()));
        Assert.Equal("png", job.Input.GetProperty("output_format").GetString());
        Assert.Equal(2, result.Images.Count);
        Assert.All(result.Images, i => Assert.Equal("image/png", i.ContentType));
        Assert.Equal(4.2m * 0.001525m, result.CostUsd);
        Assert.Equal(job.Id, result.ProviderRequestId);
        Assert.Equal("4.2", result.Metadata["replicate.predict_time_s"]);
    }

    [Fact]
    public async Task Prefer_wait_answers_with_the_output_and_the_other_forms_reach_their_paths()
    {
        await using ReplicateTestbed bed = await ReplicateTestbed.StartAsync();
        JsonElement input = JsonSerializer.SerializeToElement(new { prompt = "an apple", output_format = "png", megapixels = "0.25" });

        ReplicatePrediction held = await bed.Client.CreatePredictionAsync(ReplicateTarget.OfModel("black-forest-labs", "flux-schnell"), input, new ReplicateRunOptions { Wait = TimeSpan.FromSeconds(10) });
        Assert.Equal(ReplicateStatus.Succeeded, held.Status);
        Assert.Equal("hidden", held.Version);
        Assert.Single(ReplicateProvider.OutputUrls(held));

        ReplicatePrediction queued = await bed.Client.CreatePredictionAsync(ReplicateTarget.OfModel("black-forest-labs", "flux-schnell"), input);
        Assert.Equal(ReplicateStatus.Starting, queued.Status);
        Assert.Equal(bed.Emulator.ApiUri + "predictions/" + queued.Id, queued.Urls!.Get!.AbsoluteUri);
        Assert.Equal(ReplicateStatus.Succeeded, (await bed.Client.WaitAsync(queued)).Status);

        var missing = await Assert.ThrowsAsync<ReplicateException>(() => bed.Client.CreatePredictionAsync(ReplicateTarget.OfDeployment("likeness-studio", "none"), input));
        Assert.Equal(404, missing.Status);
        var badVersion = await Assert.ThrowsAsync<ReplicateException>(() => bed.Client.CreatePredictionAsync(ReplicateTarget.OfVersion(new string('0', 64)), input));
        Assert.Equal(422, badVersion.Status);
        Assert.Contains("Invalid version", badVersion.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Small_files_go_inline_as_data_urls_and_larger_ones_are_uploaded()
    {
        await using ReplicateTestbed bed = await ReplicateTestbed.StartAsync(client: c => c.DataUriMaxBytes = 1000);
        string inline = await bed.Client.ToInputUrlAsync(new byte[1000], "image/png", "small.png");
        Assert.StartsWith("data:image/png;base64,", inline, StringComparison.Ordinal);

        string uploaded = await bed.Client.ToInputUrlAsync(new byte[1001], "image/png", "large.png");
        Assert.StartsWith(bed.Emulator.ApiUri + "files/", uploaded, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => bed.Client.UploadFileAsync(new byte[10], "image/png", new string('a', 256)).GetAwaiter().GetResult());
    }

    [CwebpFact]
    public async Task The_emulator_answers_webp_by_default_as_replicate_does()
    {
        await using ReplicateTestbed bed = await ReplicateTestbed.StartAsync();
        JsonElement input = JsonSerializer.SerializeToElement(new { prompt = "an apple", megapixels = "0.25" });
        ReplicatePrediction done = await bed.Client.RunAsync(ReplicateTarget.OfModel("black-forest-labs", "flux-schnell"), input);
        string url = ReplicateProvider.OutputUrls(done)[0];
        Assert.EndsWith(".webp", url, StringComparison.Ordinal);
        Assert.Equal("image/webp", ReplicateProvider.ContentTypeOf(await bed.Client.DownloadAsync(url)));
    }

    [CwebpFact]
    public async Task Asked_for_webp_the_trained_model_answers_lossy_webp_that_likeness_decodes()
    {
        await using ReplicateTestbed bed = await ReplicateTestbed.StartAsync(provider: new ReplicateProviderOptions { OutputFormat = "webp" });
        GenerationResult result = await bed.Provider.GenerateWithIdentityAsync(ReplicateTestbed.Shot(bed.TrainedVersion(), side: 384));

        Assert.Equal("webp", Assert.Single(bed.Emulator.Jobs).Input.GetProperty("output_format").GetString());
        GeneratedImage image = Assert.Single(result.Images);
        Assert.Equal("image/webp", image.ContentType);
        ImageInfo info = ImageDecoder.Identify(image.Bytes.Span);
        Assert.Equal((ImageFormat.WebP, false), (info.Format, info.Lossless));
        using DecodedImage decoded = ImageDecoder.Decode(image.Bytes.Span);
        Assert.Equal((384, 384), (decoded.Image.Width, decoded.Image.Height));
    }

    [Fact]
    public async Task A_shot_s_scale_sets_lora_scale_over_the_weights_so_a_study_can_sweep_it()
    {
        await using ReplicateTestbed bed = await ReplicateTestbed.StartAsync();
        TrainedGenerationRequest request = ReplicateTestbed.Shot(bed.TrainedVersion()) with { Weights = [new TrainedWeights("ab", null, _ => Task.FromResult(Stream.Null), 0.9)] };

        await bed.Provider.GenerateWithIdentityAsync(request with { Shot = request.Shot with { ProviderParameters = new Dictionary<string, string> { ["scale"] = "0.6" } } });
        Assert.Equal(0.6, Assert.Single(bed.Emulator.Jobs).Input.GetProperty("lora_scale").GetDouble());

        // Outside Replicate's -1 to 2 it is refused before anything is paid.
        var bad = request with { Shot = request.Shot with { ProviderParameters = new Dictionary<string, string> { ["scale"] = "2.5" } } };
        var error = await Assert.ThrowsAsync<ArgumentException>(() => bed.Provider.GenerateWithIdentityAsync(bad));
        Assert.Contains("from -1 to 2 (got '2.5')", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, bed.Emulator.Submissions("prediction"));
    }

    [Fact]
    public async Task A_failed_training_reports_replicate_s_error_and_what_it_billed()
    {
        await using ReplicateTestbed bed = await ReplicateTestbed.StartAsync(e => e.FailWith = (kind, _) => kind == "training" ? "CUDA out of memory" : null);
        TrainingOperation operation = await bed.Provider.StartTrainingAsync(ReplicateTestbed.Training());
        Assert.Equal(TrainingStatus.Failed, await ReplicateTestbed.CompleteAsync(operation));
        Assert.Contains("CUDA out of memory", operation.FailureReason, StringComparison.Ordinal);
        Assert.Equal(682 * 0.001525m, operation.ChargedWithoutResultUsd);
        Assert.Throws<InvalidOperationException>(() => operation.Value);
    }
}
