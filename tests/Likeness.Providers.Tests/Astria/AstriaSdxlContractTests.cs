using System.Globalization;
using Likeness.Core.Prompts;
using Likeness.Core.Providers;
using Likeness.Core.Shots;
using Likeness.Providers.Astria;
using Likeness.Providers.Astria.Models;
using Likeness.Testing.Emulators.Astria;

namespace Likeness.Providers.Tests.Astria;

/// <summary>The <c>astria-sdxl</c> registration against the emulator: sdxl1 tunes (pti) and direct prompts on them.</summary>
public sealed class AstriaSdxlContractTests
{
    [Fact]
    public async Task An_sdxl_tune_is_sent_on_sdxl1_with_the_trigger_as_token_and_no_model_type_preset_or_base_and_trains()
    {
        await using AstriaTestbed bed = await AstriaTestbed.StartAsync();
        TrainingOperation operation = await bed.TrainAsync(provider: bed.Sdxl);
        AstriaEmulatedJob tune = Assert.Single(bed.Emulator.Jobs);
        IReadOnlyDictionary<string, string> sent = tune.Sent!;
        Assert.Equal(("sdxl1", "adaqzx", "person", "true"), (sent["branch"], sent["token"], sent["name"], sent["face_crop"]));
        Assert.StartsWith("likeness-adaqzx-", sent["title"], StringComparison.Ordinal);
        Assert.False(sent.ContainsKey("model_type"), "SDXL forces pti: no model_type is sent");
        Assert.False(sent.ContainsKey("preset"), "the Flux presets are not sent for SDXL");
        Assert.False(sent.ContainsKey("base_tune_id"), "no SDXL base is configured");

        Assert.Equal(1.50m, operation.Value.CostUsd);
        Assert.Equal(operation.Id, operation.Value.ProviderModelId);
        AstriaTune read = await bed.Client.GetTuneAsync(long.Parse(operation.Id, CultureInfo.InvariantCulture));
        Assert.NotNull(read.TrainedAt);
        Assert.Equal(("sdxl1", "pti", (long?)null), (read.Branch, read.ModelType, read.BaseTuneId));
    }

    [Fact]
    public async Task A_configured_sdxl_base_is_sent_as_base_tune_id()
    {
        await using AstriaTestbed bed = await AstriaTestbed.StartAsync(emulator: o => o.SdxlBaseTuneId = 700001, provider: p => p with { SdxlBaseTuneId = 700001 });
        TrainingOperation operation = await bed.TrainAsync(provider: bed.Sdxl);
        AstriaEmulatedJob tune = Assert.Single(bed.Emulator.Jobs);
        Assert.Equal(("700001", "sdxl1"), (tune.Sent!["base_tune_id"], tune.Branch));
        Assert.Equal(TrainingStatus.Succeeded, operation.Status);

        // The Flux registration on the same options keeps its own base.
        await bed.TrainAsync();
        Assert.Equal("1504944", bed.Emulator.Jobs.Last(j => j.Kind == "tune").Sent!["base_tune_id"]);
    }

    [Fact]
    public async Task A_prompt_goes_to_the_tune_itself_with_its_token_and_class_and_no_lora_tag()
    {
        await using AstriaTestbed bed = await AstriaTestbed.StartAsync();
        TrainingOperation operation = await bed.TrainAsync(provider: bed.Sdxl);
        long tuneId = long.Parse(operation.Id, CultureInfo.InvariantCulture);
        ShotRequest shot = new() { Prompt = "portrait by a window", NegativePrompt = "blurry", Width = 256, Height = 320, AspectRatio = "4:5", Seed = 7, Count = 2 };
        GenerationResult result = await bed.Sdxl.GenerateWithIdentityAsync(new TrainedGenerationRequest("adaqzx", shot, []) { ProviderModelIds = [operation.Id] });

        Assert.Equal(2, result.Images.Count);
        Assert.Equal(0.20m, result.CostUsd);
        Assert.Equal(operation.Id, result.Metadata["astria.tune_id"]);
        AstriaEmulatedJob prompt = Assert.Single(bed.Emulator.Jobs, j => j.Kind == "prompt");
        Assert.Equal(tuneId, prompt.TuneId);
        Assert.Equal("adaqzx person portrait by a window", prompt.Title);
        Assert.DoesNotContain("<lora:", prompt.Title, StringComparison.Ordinal);
        IReadOnlyDictionary<string, string> sent = prompt.Sent!;
        Assert.Equal(("2", "7", "blurry", "4:5"), (sent["num_images"], sent["seed"], sent["negative_prompt"], sent["aspect_ratio"]));

        // A prompt in the trigger dialect already opens with the token: the class goes after it, not the token twice.
        await bed.Sdxl.GenerateWithIdentityAsync(new TrainedGenerationRequest("adaqzx", AstriaTestbed.Shot() with { Prompt = "adaqzx, on a boat" }, []) { ProviderModelIds = [operation.Id] });
        Assert.Equal("adaqzx person, on a boat", bed.Emulator.Jobs.Last(j => j.Kind == "prompt").Title);
        Assert.Equal(PromptDialect.ReplicateTrigger, bed.Sdxl.Descriptor.TrainedDialect);
    }

    [Fact]
    public async Task The_emulator_refuses_a_direct_prompt_without_the_token_and_still_refuses_one_on_a_flux_lora_tune()
    {
        await using AstriaTestbed bed = await AstriaTestbed.StartAsync();
        long sdxl = long.Parse((await bed.TrainAsync(provider: bed.Sdxl)).Id, CultureInfo.InvariantCulture);
        long lora = long.Parse((await bed.TrainAsync()).Id, CultureInfo.InvariantCulture);

        AstriaException untokened = await Assert.ThrowsAsync<AstriaException>(() => bed.Client.CreatePromptAsync(sdxl, new AstriaPromptRequest { Text = "a person on a boat" }));
        Assert.Equal(422, untokened.Status);
        Assert.Contains("token 'adaqzx'", untokened.Message, StringComparison.Ordinal);
        AstriaException flux = await Assert.ThrowsAsync<AstriaException>(() => bed.Client.CreatePromptAsync(lora, new AstriaPromptRequest { Text = "adaqzx person" }));
        Assert.Contains("model_type=lora is not supported. Use a checkpoint instead", flux.Message, StringComparison.Ordinal);
        Assert.Equal(0, bed.Emulator.PromptSubmissions);

        // One SDXL tune per shot: two identities cannot share a direct prompt.
        await Assert.ThrowsAsync<ArgumentException>(() => bed.Sdxl.GenerateWithIdentityAsync(
            new TrainedGenerationRequest("adaqzx", AstriaTestbed.Shot(), []) { ProviderModelIds = [sdxl.ToString(CultureInfo.InvariantCulture), lora.ToString(CultureInfo.InvariantCulture)] }));
        Assert.Equal(0, bed.Emulator.PromptSubmissions);
    }
}
