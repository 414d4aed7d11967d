using Likeness.Core.Costs;
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
