using Likeness.Core.Providers;
using Likeness.Imaging;
using Likeness.Providers.Stability;
using Likeness.Providers.Stability.Models;

namespace Likeness.Providers.Tests.Stability;

/// <summary>Moderation (403 and CONTENT_FILTERED), 413, 400 and auth: what is paid, what is said.</summary>
public sealed class StabilityModerationContractTests
{
    [Fact]
    public async Task A_content_filtered_image_is_paid_kept_and_marked_moderated()
    {
        await using StabilityTestbed bed = await StabilityTestbed.StartAsync();
        GenerationResult result = await bed.Provider.GenerateFromReferencesAsync(StabilityTestbed.Shot(prompt: "portrait, blurme"));

        Assert.True(result.Moderated);
        Assert.Equal(0.065m, result.CostUsd);
        Assert.Equal("CONTENT_FILTERED", result.Metadata["stability.finish_reason"]);
        Assert.Equal(ImageFormat.Jpeg, FormatSniffer.Detect(Assert.Single(result.Images).Bytes.Span));
        Assert.Equal("CONTENT_FILTERED", Assert.Single(bed.Emulator.Requests).FinishReason);
    }

    [Fact]
    public async Task A_403_from_moderation_says_so_and_nothing_is_made()
    {
        await using StabilityTestbed bed = await StabilityTestbed.StartAsync();
        StabilityException error = await Assert.ThrowsAsync<StabilityException>(() => bed.Provider.GenerateFromReferencesAsync(StabilityTestbed.Shot(prompt: "a forbidden scene")));

        Assert.True(error.IsModeration);
        Assert.Equal(403, error.Status);
        Assert.False(error.KeyRefused); // one request refused, not the key: a batch goes on with its next shot
        Assert.Equal("content_moderation", error.Name);
        Assert.Contains("content moderation", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.RequestId);
        Assert.False(error.Retriable);
        Assert.Empty(bed.Emulator.Requests);
    }

    [Fact]
    public async Task A_413_says_the_body_is_over_10_MiB_and_a_body_known_to_be_too_large_is_never_sent()
    {
        await using StabilityTestbed bed = await StabilityTestbed.StartAsync(emulator: o => o.MaxBodyBytes = 4096);
        StabilityException error = await Assert.ThrowsAsync<StabilityException>(() => bed.Provider.GenerateFromReferencesAsync(StabilityTestbed.Shot()));
        Assert.Equal(413, error.Status);
        Assert.Equal("payload_too_large", error.Name);
        Assert.Contains("10 MiB", error.Message, StringComparison.Ordinal);

        var huge = new StabilityImageRequest { Prompt = "x", Image = new StabilityInputImage(new byte[(10 * 1024 * 1024) + 1], "image/png"), Strength = 0.5 };
        Assert.Contains("10 MiB", (await Assert.ThrowsAsync<ArgumentException>(() => bed.Client.GenerateSd3Async(huge))).Message, StringComparison.Ordinal);
        Assert.Empty(bed.Emulator.Requests);
    }

    [Fact]
    public async Task Stability_refuses_a_reference_below_64_px_with_its_error_list()
    {
        await using StabilityTestbed bed = await StabilityTestbed.StartAsync();
        using Image tiny = Image.Create(48, 48, PixelFormat.Rgb24);
        var request = new StabilityImageRequest { Prompt = "x", Image = new StabilityInputImage(ImageEncoder.EncodeToBytes(tiny, ImageFormat.Png), "image/png"), Strength = 0.5 };

        StabilityException error = await Assert.ThrowsAsync<StabilityException>(() => bed.Client.GenerateSd3Async(request));
        Assert.Equal(400, error.Status);
        Assert.Equal("bad_request", error.Name);
        Assert.Contains(error.Errors, e => e.Contains("at least 64 px", StringComparison.Ordinal));
        Assert.Throws<ArgumentException>(() => { _ = bed.Client.GenerateSd3Async(new StabilityImageRequest { Prompt = "x", Image = request.Image }); });
        Assert.Empty(bed.Emulator.Requests);
    }

    [Fact]
    public async Task A_wrong_key_is_a_401_and_no_key_is_refused_before_any_call()
    {
        await using StabilityTestbed bed = await StabilityTestbed.StartAsync(client: o => o.Key = "sk-wrong");
        StabilityException error = await Assert.ThrowsAsync<StabilityException>(() => bed.Provider.GenerateFromReferencesAsync(StabilityTestbed.Shot()));
        Assert.Equal(401, error.Status);
        Assert.True(error.KeyRefused);
        Assert.DoesNotContain(bed.Emulator.Key, error.Message, StringComparison.Ordinal);

        using var keyless = new StabilityClient(new StabilityClientOptions { BaseUri = bed.Emulator.BaseUri });
        Assert.Contains("STABILITY_API_KEY", (await Assert.ThrowsAsync<StabilityException>(() => new StabilityProvider(keyless).GenerateFromReferencesAsync(StabilityTestbed.Shot()))).Message, StringComparison.Ordinal);
        Assert.False(new StabilityProvider(keyless).Descriptor.IsAvailable);
        Assert.True(bed.Provider.Descriptor.IsAvailable);
        Assert.Empty(bed.Emulator.Requests);
    }

    [Fact]
    public void Options_come_from_the_environment_and_bad_ones_are_refused()
    {
        var env = new Dictionary<string, string> { ["STABILITY_API_KEY"] = " sk-abc ", ["LIKENESS_STABILITY_API_URL"] = "http://127.0.0.1:9/api" };
        StabilityClientOptions options = StabilityClientOptions.FromEnvironment(env.GetValueOrDefault);
        Assert.Equal("sk-abc", options.Key);
        Assert.Equal("http://127.0.0.1:9/api/", options.BaseUri.AbsoluteUri);
        Assert.Equal(150, options.Http.RateLimit!.Permits);
        Assert.Equal(TimeSpan.FromSeconds(60), options.Http.RateLimit.LockoutAfter429);
        Assert.Equal(TimeSpan.FromSeconds(60), options.Http.MinimumDelays[429]);
        Assert.Null(StabilityClientOptions.FromEnvironment(_ => null).Key);
        Assert.Throws<ArgumentException>(() => new StabilityClientOptions { Key = "sk a" }.Validate());
        Assert.Throws<ArgumentException>(() => new StabilityProviderOptions { Model = "sdxl" }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new StabilityProviderOptions { Strength = 1.2 }.Validate());
    }
}
