using Likeness.Core.Providers;
using Likeness.Imaging;
using Likeness.Providers.Stability;
using Likeness.Providers.Stability.Models;
using Likeness.Testing.Emulators.Stability;

namespace Likeness.Providers.Tests.Stability;

/// <summary>Every Stability operation against the emulator, field for field (providers.md §5).</summary>
public sealed class StabilityLifecycleContractTests
{
    [Fact]
    public async Task Image_to_image_sends_the_reference_with_its_strength_and_returns_a_priced_labelled_image()
    {
        await using StabilityTestbed bed = await StabilityTestbed.StartAsync();
        GenerationResult result = await bed.Provider.GenerateFromReferencesAsync(StabilityTestbed.Shot(seed: 77));

        GeneratedImage image = Assert.Single(result.Images);
        Assert.Equal("image/jpeg", image.ContentType);
        Assert.Equal(ImageFormat.Jpeg, FormatSniffer.Detect(image.Bytes.Span));
        Assert.Equal(0.065m, result.CostUsd);
        Assert.True(result.Simulated);
        Assert.False(result.Moderated);
        Assert.Equal("77", result.Metadata["stability.seed"]);
        Assert.Equal("SUCCESS", result.Metadata["stability.finish_reason"]);
        Assert.Equal("0.35", result.Metadata["stability.strength"]);

        StabilityEmulatedRequest sent = Assert.Single(bed.Emulator.Requests);
        Assert.Equal(StabilityEndpoints.Sd3, sent.Endpoint);
        Assert.Equal("application/json", sent.Accept);
        Assert.Equal("image-to-image", sent.Fields["mode"]);
        Assert.Equal("0.35", sent.Fields["strength"]);
        Assert.Equal("sd3.5-large", sent.Fields["model"]);
        Assert.Equal("77", sent.Fields["seed"]);
        Assert.Equal("jpeg", sent.Fields["output_format"]);
        Assert.False(sent.Fields.ContainsKey("aspect_ratio"));
        Assert.True(sent.ImageBytes > 1000);
    }

    [Fact]
    public async Task A_shot_sets_its_own_strength_and_the_raw_image_answer_carries_seed_and_finish_reason_in_headers()
    {
        await using StabilityTestbed bed = await StabilityTestbed.StartAsync(client: o => o.Accept = StabilityAccept.Image);
        GenerationResult result = await bed.Provider.GenerateFromReferencesAsync(StabilityTestbed.Shot(seed: 5, parameters: new Dictionary<string, string> { ["strength"] = "0.7" }));

        Assert.Equal("5", result.Metadata["stability.seed"]);
        Assert.Equal("0.7", result.Metadata["stability.strength"]);
        StabilityEmulatedRequest sent = Assert.Single(bed.Emulator.Requests);
        Assert.Equal("image/*", sent.Accept);
        Assert.Equal("0.7", sent.Fields["strength"]);
        await Assert.ThrowsAsync<ArgumentException>(() => bed.Provider.GenerateFromReferencesAsync(StabilityTestbed.Shot(parameters: new Dictionary<string, string> { ["strength"] = "1.5" })));
        Assert.Single(bed.Emulator.Requests);
    }

    [Theory]
    [InlineData(StabilityAccept.Json)]
    [InlineData(StabilityAccept.Image)]
    public async Task Text_to_image_on_sd3_core_and_ultra_follows_the_aspect_ratio_and_reports_the_random_seed(StabilityAccept accept)
    {
        await using StabilityTestbed bed = await StabilityTestbed.StartAsync(client: o => o.Accept = accept);
        var request = new StabilityImageRequest { Prompt = "a lighthouse at dusk", AspectRatio = "16:9", OutputFormat = "png" };
        StabilityImage[] images =
        [
            await bed.Client.GenerateSd3Async(request with { Model = "sd3.5-medium" }),
            await bed.Client.GenerateCoreAsync(request with { StylePreset = "photographic" }),
            await bed.Client.GenerateUltraAsync(request),
        ];

        Assert.All(images, i =>
        {
            Assert.Equal("image/png", i.ContentType);
            ImageInfo info = ImageDecoder.Identify(i.Bytes);
            Assert.Equal((256, 144), (info.Width, info.Height));
            Assert.InRange(i.Seed!.Value, 1, 4_294_967_294);
            Assert.False(i.IsFiltered);
        });
        Assert.Equal([StabilityEndpoints.Sd3, StabilityEndpoints.Core, StabilityEndpoints.Ultra], bed.Emulator.Requests.Select(r => r.Endpoint));
        Assert.Equal("text-to-image", bed.Emulator.Requests[0].Fields["mode"]);
        Assert.Equal("photographic", bed.Emulator.Requests[1].Fields["style_preset"]);
        Assert.All(bed.Emulator.Requests, r => Assert.Equal(0, r.ImageBytes));
        await Assert.ThrowsAsync<ArgumentException>(() => bed.Client.GenerateCoreAsync(request with { Image = new StabilityInputImage(new byte[10], "image/png") }));
    }

    [Fact]
    public async Task Structure_and_style_registrations_send_their_own_strength_fields()
    {
        await using StabilityTestbed bed = await StabilityTestbed.StartAsync();
        var structure = new StabilityProvider(bed.Client, new StabilityProviderOptions { Name = "stability-structure", Approach = StabilityApproach.Structure });
        var style = new StabilityProvider(bed.Client, new StabilityProviderOptions { Name = "stability-style", Approach = StabilityApproach.Style, Fidelity = 0.8 });

        GenerationResult a = await structure.GenerateFromReferencesAsync(StabilityTestbed.Shot(parameters: new Dictionary<string, string> { ["control_strength"] = "0.4" }));
        GenerationResult b = await style.GenerateFromReferencesAsync(StabilityTestbed.Shot());

        Assert.Equal(0.05m, a.CostUsd);
        Assert.Equal("0.4", a.Metadata["stability.control_strength"]);
        Assert.Equal("0.8", b.Metadata["stability.fidelity"]);
        Assert.Equal(StabilityDescriptor.StructureApp, structure.Descriptor.AppFor(ProviderCapabilities.ReferenceGeneration));
        Assert.Equal([StabilityEndpoints.Structure, StabilityEndpoints.Style], bed.Emulator.Requests.Select(r => r.Endpoint));
        Assert.Equal("0.4", bed.Emulator.Requests[0].Fields["control_strength"]);
        Assert.Equal("0.8", bed.Emulator.Requests[1].Fields["fidelity"]);
        Assert.Equal("1:1", bed.Emulator.Requests[1].Fields["aspect_ratio"]);
        Assert.All(bed.Emulator.Requests, r => Assert.True(r.ImageBytes > 0));
    }

    [Fact]
    public async Task Two_images_in_one_shot_are_two_paid_calls_with_consecutive_seeds()
    {
        await using StabilityTestbed bed = await StabilityTestbed.StartAsync();
        ReferenceGenerationRequest two = StabilityTestbed.Shot(seed: 10);
        GenerationResult result = await bed.Provider.GenerateFromReferencesAsync(two with { Shot = two.Shot with { Count = 2 } });
        Assert.Equal(2, result.Images.Count);
        Assert.Equal(0.13m, result.CostUsd);
        Assert.Equal("10,11", result.Metadata["stability.seed"]);
        Assert.Equal(2, bed.Emulator.Submissions(StabilityEndpoints.Sd3));
    }
}
