using Likeness.Core.Costs;
using Likeness.Core.Prompts;
using Likeness.Core.Providers;
using Likeness.Providers.Astria;

namespace Likeness.Providers.Tests.Astria;

/// <summary>The registry's view of Astria: capabilities, sourced prices, limits, and options from the environment.</summary>
public sealed class AstriaDescriptorTests
{
    [Fact]
    public void The_lora_and_faceid_registrations_have_their_apps_and_sourced_unconfirmed_prices()
    {
        ProviderDescriptor lora = AstriaDescriptor.Create(new AstriaProviderOptions(), new AstriaClientOptions());
        Assert.Equal(ProviderCapabilities.Training | ProviderCapabilities.TrainedGeneration, lora.Capabilities);
        Assert.Equal(0.30m, lora.Prices.EstimateImages(AstriaDescriptor.PromptApp, 1024, 1024, 3));
        Assert.Equal(PriceUnit.Training, lora.Prices.Find(AstriaDescriptor.TuneApp)!.Unit);
        Assert.Equal(1.50m, lora.Prices.EstimateTraining(AstriaDescriptor.TuneApp));
        Assert.All(lora.Prices.Prices, p => Assert.Contains("UNCONFIRMED", p.Source, StringComparison.Ordinal));
        Assert.All(lora.Prices.Prices, p => Assert.StartsWith("providers.md §", p.Source, StringComparison.Ordinal));
        Assert.Equal((4, 20, "ASTRIA_API_KEY", false), (lora.Limits.MinReferences, lora.Limits.MaxReferences, lora.KeyVariable, lora.KeyConfigured));

        ProviderDescriptor faceId = AstriaDescriptor.Create(new AstriaProviderOptions { Name = AstriaDescriptor.FaceIdName, Capabilities = ProviderCapabilities.ReferenceGeneration }, new AstriaClientOptions { Key = "sd_x" });
        Assert.Equal(AstriaDescriptor.FaceIdPromptApp, faceId.AppFor(ProviderCapabilities.ReferenceGeneration));
        Assert.Equal([AstriaDescriptor.FaceIdPromptApp], faceId.Prices.Prices.Select(p => p.App));
        Assert.Equal(1, faceId.Limits.MinReferences);
        Assert.True(faceId.IsAvailable);
        Assert.Throws<ArgumentException>(() => new AstriaProviderOptions { Capabilities = ProviderCapabilities.ElementVideo }.Validate());
        Assert.Throws<ArgumentException>(() => new AstriaProviderOptions { Branch = "sd3" }.Validate());
    }

    [Fact]
    public void The_sdxl_registration_has_its_own_apps_sourced_prices_and_the_trigger_dialect()
    {
        AstriaProviderOptions options = new AstriaProviderOptions().ForSdxl();
        Assert.Equal((AstriaDescriptor.SdxlName, "sdxl1", true, (long?)null), (options.Name, options.Branch, options.IsSdxl, options.SdxlBaseTuneId));
        ProviderDescriptor sdxl = AstriaDescriptor.Create(options, new AstriaClientOptions());
        Assert.Equal(ProviderCapabilities.Training | ProviderCapabilities.TrainedGeneration, sdxl.Capabilities);
        Assert.Equal((AstriaDescriptor.SdxlTuneApp, AstriaDescriptor.SdxlPromptApp), (sdxl.AppFor(ProviderCapabilities.Training), sdxl.AppFor(ProviderCapabilities.TrainedGeneration)));
        Assert.Equal([AstriaDescriptor.SdxlTuneApp, AstriaDescriptor.SdxlPromptApp], sdxl.Prices.Prices.Select(p => p.App));
        Assert.Equal((1.50m, 0.30m), (sdxl.Prices.EstimateTraining(AstriaDescriptor.SdxlTuneApp), sdxl.Prices.EstimateImages(AstriaDescriptor.SdxlPromptApp, 1024, 1024, 3)));
        Assert.All(sdxl.Prices.Prices, p => Assert.Contains("UNCONFIRMED", p.Source, StringComparison.Ordinal));
        Assert.Equal(PromptDialect.ReplicateTrigger, sdxl.TrainedDialect);
        Assert.Equal(PromptDialect.Astria, AstriaDescriptor.Create(new AstriaProviderOptions(), new AstriaClientOptions()).TrainedDialect);
        Assert.Throws<ArgumentOutOfRangeException>(() => (options with { SdxlBaseTuneId = 0 }).Validate());
    }

    [Fact]
    public void The_sdxl_base_comes_from_the_environment_as_a_positive_integer()
    {
        Assert.Null(AstriaProviderOptions.FromEnvironment(_ => null).SdxlBaseTuneId);
        var environment = new Dictionary<string, string> { ["LIKENESS_ASTRIA_SDXL_BASE_TUNE_ID"] = " 700001 ", ["LIKENESS_ASTRIA_BRANCH"] = "fast" };
        AstriaProviderOptions options = AstriaProviderOptions.FromEnvironment(environment.GetValueOrDefault);
        Assert.Equal((700001L, "fast"), (options.SdxlBaseTuneId, options.Branch));
        Assert.Equal("sdxl1", options.ForSdxl().Branch);
        foreach (string bad in new[] { "0", "-5", "sdxl", "1.5" })
        {
            ArgumentException error = Assert.Throws<ArgumentException>(() => AstriaProviderOptions.FromEnvironment(new Dictionary<string, string> { ["LIKENESS_ASTRIA_SDXL_BASE_TUNE_ID"] = bad }.GetValueOrDefault));
            Assert.Contains("LIKENESS_ASTRIA_SDXL_BASE_TUNE_ID must be a positive integer", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Options_come_from_the_environment_and_bad_values_are_refused_at_start()
    {
        var environment = new Dictionary<string, string>
        {
            ["ASTRIA_API_KEY"] = " sd_abc ",
            ["LIKENESS_ASTRIA_API_URL"] = "http://127.0.0.1:9/api",
            ["LIKENESS_ASTRIA_CALLBACK_URL"] = "https://example.com/astria?x=1",
        };
        AstriaClientOptions options = AstriaClientOptions.FromEnvironment(environment.GetValueOrDefault);
        Assert.Equal(("sd_abc", "http://127.0.0.1:9/api/", "https://example.com/astria?x=1"), (options.Key, options.BaseUri.AbsoluteUri, options.CallbackUrl!.AbsoluteUri));
        options.Validate();
        Assert.False(AstriaClientOptions.FromEnvironment(_ => null).HasKey);
        Assert.Throws<ArgumentException>(() => new AstriaClientOptions { BaseUri = new Uri("https://api.astria.ai/v1") }.Validate());
        Assert.Throws<ArgumentException>(() => new AstriaClientOptions { Key = "sd x" }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new AstriaClientOptions { PollInterval = TimeSpan.Zero }.Validate());
    }
}
