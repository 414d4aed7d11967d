using System.Text;
using Likeness.Core.Identity;
using Likeness.Core.Providers;
using Likeness.Core.Shots;
using Likeness.Providers.Astria;
using Likeness.Providers.Astria.Models;
using Likeness.Testing.Emulators.Astria;

namespace Likeness.Providers.Tests.Astria;

/// <summary>Tunes, prompts and FaceID against the emulator: the wire shapes and the life cycle.</summary>
public sealed class AstriaLifecycleContractTests
{
    [Fact]
    public async Task A_tune_trains_until_trained_at_is_set_and_resumes_from_its_id_alone()
    {
        await using AstriaTestbed bed = await AstriaTestbed.StartAsync();
        TrainingOperation operation = await bed.Provider.StartTrainingAsync(new TrainingRequest("adaqzx", "adaqzx", AstriaTestbed.Photos(), new Dictionary<string, string>()));
        Assert.Contains(operation.Status, new[] { TrainingStatus.Queued, TrainingStatus.Running });
        AstriaEmulatedJob tune = Assert.Single(bed.Emulator.Jobs);
        Assert.Equal(("tune", "flux1", "lora", 4), (tune.Kind, tune.Branch, tune.ModelType, tune.Images));
        Assert.StartsWith("likeness-adaqzx-", tune.Title, StringComparison.Ordinal);
        Assert.Equal(tune.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), operation.Id);

        TrainingOperation resumed = await bed.Provider.ResumeTrainingAsync(operation.Id);
        Assert.Equal(TrainingStatus.Succeeded, await Providers.Tests.Fal.FalTestbed.CompleteAsync(resumed));
        TrainedIdentity trained = resumed.Value;
        Assert.Equal(operation.Id, trained.ProviderModelId);
        Assert.Equal(1.50m, trained.CostUsd);
        TrainedFile json = Assert.Single(trained.Files);
        Assert.Equal(IdentityArtifactKind.Config, json.Kind);
        Assert.Contains("\"trained_at\":\"", Encoding.UTF8.GetString(json.Bytes.Span), StringComparison.Ordinal);
        Assert.Equal(1, bed.Emulator.TuneSubmissions);

        AstriaTune read = await bed.Client.GetTuneAsync(long.Parse(operation.Id, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(("adaqzx", 1504944L, "person"), (read.Token, read.BaseTuneId, read.Name));
        Assert.NotNull(read.StartedTrainingAt);
    }

    [Fact]
    public async Task Generation_prompts_the_flux_base_with_the_tunes_lora_tag_and_prices_each_image()
    {
        await using AstriaTestbed bed = await AstriaTestbed.StartAsync();
        TrainingOperation operation = await bed.TrainAsync();
        GenerationResult result = await bed.Provider.GenerateWithIdentityAsync(
            new TrainedGenerationRequest("adaqzx", AstriaTestbed.Shot(count: 2), []) { ProviderModelIds = [operation.Id] });
        Assert.Equal(2, result.Images.Count);
        Assert.All(result.Images, i => Assert.Equal([0xFF, 0xD8], i.Bytes[..2].ToArray()));
        Assert.Equal(0.20m, result.CostUsd);
        AstriaEmulatedJob prompt = bed.Emulator.Jobs.Single(j => j.Kind == "prompt");
        Assert.Equal($"<lora:{operation.Id}:1.0> ohwx person, portrait", prompt.Title);
        Assert.Equal("1504944", result.Metadata["astria.tune_id"]);
        Assert.Equal(prompt.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), result.ProviderRequestId);
    }

    [Fact]
    public async Task A_shot_s_scale_sets_the_lora_strength_so_a_study_can_sweep_it()
    {
        await using AstriaTestbed bed = await AstriaTestbed.StartAsync();
        TrainingOperation operation = await bed.TrainAsync();
        ShotRequest shot = AstriaTestbed.Shot() with { ProviderParameters = new Dictionary<string, string> { ["scale"] = "0.65" } };

        await bed.Provider.GenerateWithIdentityAsync(new TrainedGenerationRequest("adaqzx", shot, []) { ProviderModelIds = [operation.Id] });
        Assert.Equal($"<lora:{operation.Id}:0.65> ohwx person, portrait", bed.Emulator.Jobs.Single(j => j.Kind == "prompt").Title);

        // Outside 0 to 2 it is refused before any prompt is sent.
        ShotRequest bad = shot with { ProviderParameters = new Dictionary<string, string> { ["scale"] = "high" } };
        await Assert.ThrowsAsync<ArgumentException>(() => bed.Provider.GenerateWithIdentityAsync(new TrainedGenerationRequest("adaqzx", bad, []) { ProviderModelIds = [operation.Id] }));
        Assert.Equal(1, bed.Emulator.PromptSubmissions);
    }

    [Fact]
    public async Task A_tune_from_image_urls_carries_its_class_token_preset_face_crop_and_branch_as_sent()
    {
        await using AstriaTestbed bed = await AstriaTestbed.StartAsync();
        AstriaTune created = await bed.Client.CreateTuneAsync(new AstriaTuneRequest
        {
            Name = "woman", Title = "likeness-urls-1", Branch = "sdxl1", Token = "sks", Preset = "flux-lora-portrait", FaceCrop = true, Steps = 500,
            ImageUrls = ["https://example.com/1.jpg", "https://example.com/2.jpg"],
        });

        AstriaEmulatedJob job = Assert.Single(bed.Emulator.Jobs);
        Assert.Equal(("sdxl1", 0, 2, "flux-lora-portrait"), (job.Branch, job.Images, job.ImageUrls, job.Preset));
        AstriaTune read = await bed.Client.GetTuneAsync(created.Id);
        Assert.Equal(("woman", "sks", true, 500, "sdxl1"), (read.Name, read.Token, read.FaceCrop, read.Steps, read.Branch));
        await Assert.ThrowsAsync<ArgumentException>(() => bed.Client.CreateTuneAsync(new AstriaTuneRequest { Name = "woman", Title = "no-images" }));
        Assert.Equal(1, bed.Emulator.TuneSubmissions);
    }

    [Fact]
    public async Task FaceID_makes_one_untrained_tune_per_reference_set_and_prompts_with_its_tag()
    {
        await using AstriaTestbed bed = await AstriaTestbed.StartAsync();
        var request = new ReferenceGenerationRequest("adaqzx", AstriaTestbed.Shot(), AstriaTestbed.Photos(2));
        GenerationResult first = await bed.FaceId.GenerateFromReferencesAsync(request);
        GenerationResult second = await bed.FaceId.GenerateFromReferencesAsync(request with { Shot = AstriaTestbed.Shot(seed: 2) });
        Assert.Single(first.Images);
        Assert.Single(second.Images);
        AstriaEmulatedJob tune = Assert.Single(bed.Emulator.Jobs, j => j.Kind == "tune");
        Assert.Equal("faceid", tune.ModelType);
        Assert.All(bed.Emulator.Jobs.Where(j => j.Kind == "prompt"), p => Assert.StartsWith($"<faceid:{tune.Id}:1> ", p.Title, StringComparison.Ordinal));
        Assert.Equal(0.10m, first.CostUsd);

        // Another process finds the same FaceID tune by its title instead of making a second one.
        using var other = new AstriaClient(AstriaTestbed.OptionsFor(bed.Emulator));
        await new AstriaProvider(other, bed.FaceId.Options).GenerateFromReferencesAsync(request);
        Assert.Single(bed.Emulator.Jobs, j => j.Kind == "tune");
    }

    [Fact]
    public async Task The_fast_branch_trains_a_free_mock_tune_that_is_prompted_directly()
    {
        await using AstriaTestbed bed = await AstriaTestbed.StartAsync(provider: p => p with { Branch = "fast" });
        TrainingOperation operation = await bed.TrainAsync();
        Assert.Equal(0m, operation.Value.CostUsd);
        GenerationResult result = await bed.Provider.GenerateWithIdentityAsync(new TrainedGenerationRequest("adaqzx", AstriaTestbed.Shot(), []) { ProviderModelIds = [operation.Id] });
        Assert.Equal(0m, result.CostUsd);
        Assert.Equal(operation.Id, result.Metadata["astria.tune_id"]);
        Assert.Equal("fast", bed.Emulator.Jobs.Single(j => j.Kind == "tune").Branch);
        Assert.DoesNotContain("<lora:", bed.Emulator.Jobs.Single(j => j.Kind == "prompt").Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_flux_lora_tune_cannot_be_prompted_directly_and_the_422_is_final()
    {
        await using AstriaTestbed bed = await AstriaTestbed.StartAsync();
        TrainingOperation operation = await bed.TrainAsync();
        AstriaException error = await Assert.ThrowsAsync<AstriaException>(() =>
            bed.Client.CreatePromptAsync(long.Parse(operation.Id, System.Globalization.CultureInfo.InvariantCulture), new AstriaPromptRequest { Text = "ohwx person" }));
        Assert.Equal(422, error.Status);
        Assert.False(error.Retriable);
        Assert.False(error.OutcomeUnknown);
        Assert.Contains("Use a checkpoint instead", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, bed.Emulator.PromptSubmissions);
    }

    [Fact]
    public async Task A_failed_training_ends_failed_with_the_reason()
    {
        await using AstriaTestbed bed = await AstriaTestbed.StartAsync(emulator: o => o.FailTraining = _ => true);
        TrainingOperation operation = await bed.Provider.StartTrainingAsync(new TrainingRequest("adaqzx", "adaqzx", AstriaTestbed.Photos(), new Dictionary<string, string>()));
        Assert.Equal(TrainingStatus.Failed, await Providers.Tests.Fal.FalTestbed.CompleteAsync(operation));
        Assert.Contains("gone", operation.FailureReason, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => operation.Value);
    }

    [Fact]
    public async Task Generation_without_a_tune_id_is_refused_before_any_call()
    {
        await using AstriaTestbed bed = await AstriaTestbed.StartAsync();
        await Assert.ThrowsAsync<ArgumentException>(() => bed.Provider.GenerateWithIdentityAsync(new TrainedGenerationRequest("adaqzx", AstriaTestbed.Shot(), [])));
        await Assert.ThrowsAsync<NotSupportedException>(() => bed.Provider.GenerateFromReferencesAsync(new ReferenceGenerationRequest("adaqzx", AstriaTestbed.Shot(), AstriaTestbed.Photos(1))));
        Assert.Empty(bed.Emulator.Jobs);
    }
}
