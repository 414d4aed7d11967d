// The adapter under test implements Microsoft.Extensions.AI's experimental (MEAI001) image API.
#pragma warning disable MEAI001

using System.Drawing;
using Likeness.Providers.Fal;
using Likeness.Providers.Fal.AI;
using Likeness.Providers.Fal.Models;
using Likeness.Testing.Emulators.Fal;
using Microsoft.Extensions.AI;

namespace Likeness.Providers.Tests.Fal;

public sealed class FalImageGeneratorTests
{
    [Fact]
    public async Task Text_to_image_runs_flux_lora_and_returns_bytes_with_the_options_mapped()
    {
        await using FalTestbed bed = await FalTestbed.StartAsync();
        using IImageGenerator generator = new FalImageGenerator(bed.Client);
        var options = new ImageGenerationOptions
        {
            Count = 2,
            ImageSize = new Size(320, 256),
            MediaType = "image/png",
            AdditionalProperties = new() { ["seed"] = 11, ["num_inference_steps"] = 12 },
        };
        ImageGenerationResponse response = await generator.GenerateImagesAsync("a lighthouse at dusk", options);
        Assert.Equal(2, response.Contents.Count);
        Assert.All(response.Contents, c => Assert.True(((DataContent)c).Data.Length > 0));
        Assert.IsType<FalImageOutput>(response.RawRepresentation);

        FalEmulatedRequest sent = Assert.Single(bed.Emulator.Requests);
        Assert.Equal(FalApps.FluxLora, sent.EndpointId);
        Assert.Equal(320, sent.Input.GetProperty("image_size").GetProperty("width").GetInt32());
        Assert.Equal("png", sent.Input.GetProperty("output_format").GetString());
        Assert.Equal(11, sent.Input.GetProperty("seed").GetInt64());
        Assert.Equal(12, sent.Input.GetProperty("num_inference_steps").GetInt32());
        Assert.Equal(0, sent.Input.GetProperty("loras").GetArrayLength());
    }

    [Fact]
    public async Task An_original_image_runs_instant_character_and_uri_results_stay_hosted()
    {
        await using FalTestbed bed = await FalTestbed.StartAsync();
        using IImageGenerator generator = new FalImageGenerator(bed.Client);
        var subject = new DataContent(FalTestbed.Photos(1)[0].Bytes, "image/jpeg");
        ImageGenerationResponse response = await generator.EditImageAsync(subject, "the same person, smiling", new ImageGenerationOptions { ResponseFormat = ImageGenerationResponseFormat.Uri });
        UriContent image = Assert.IsType<UriContent>(Assert.Single(response.Contents));
        Assert.StartsWith(bed.Emulator.CdnUri.AbsoluteUri, image.Uri.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal(FalApps.InstantCharacter, Assert.Single(bed.Emulator.Requests).EndpointId);

        Assert.Same(bed.Client, generator.GetService<FalClient>());
        Assert.Equal("fal", generator.GetService<ImageGeneratorMetadata>()!.ProviderName);
        Assert.Null(generator.GetService<FalClient>("keyed"));
    }
}
