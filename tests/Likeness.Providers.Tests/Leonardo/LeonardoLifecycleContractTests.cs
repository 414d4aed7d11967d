using System.Text.Json;
using Likeness.Core.Costs;
using Likeness.Core.Providers;
using Likeness.Core.Shots;
using Likeness.Providers.Leonardo;
using Likeness.Providers.Leonardo.Models;

namespace Likeness.Providers.Tests.Leonardo;

/// <summary>A Character Reference generation end to end against the emulator, field for field, and its failure.</summary>
public sealed class LeonardoLifecycleContractTests
{
    [Fact]
    public async Task A_shot_uploads_its_frontal_reference_and_generates_with_character_reference_133()
    {
        await using LeonardoTestbed bed = await LeonardoTestbed.StartAsync();
        GenerationResult result = await bed.Provider.GenerateFromReferencesAsync(LeonardoTestbed.Request(count: 2, width: 300, height: 403));

        Assert.Equal(2, result.Images.Count);
        Assert.All(result.Images, i => Assert.Equal((304, 400), (i.Width, i.Height)));
        Assert.All(result.Images, i => Assert.Equal((byte)0xFF, i.Bytes.Span[0]));
        Assert.True(result.Simulated);
        Assert.Equal(0.025m, result.CostUsd);
        Assert.Equal("0.025 DOLLARS", result.Metadata["leonardo.cost"]);

        var generation = Assert.Single(bed.Emulator.Generations);
        Assert.Equal(generation.Id, result.ProviderRequestId);
        Assert.Equal("COMPLETE", generation.Status);
        JsonElement body = generation.Input;
        Assert.Equal("portrait in a garden", body.GetProperty("prompt").GetString());
        Assert.Equal("blurry", body.GetProperty("negative_prompt").GetString());
        Assert.Equal(LeonardoProviderOptions.KinoXl, body.GetProperty("modelId").GetString());
        Assert.Equal(304, body.GetProperty("width").GetInt32());
        Assert.Equal(400, body.GetProperty("height").GetInt32());
        Assert.Equal(2, body.GetProperty("num_images").GetInt32());
        Assert.Equal(20, body.GetProperty("num_inference_steps").GetInt32());
        Assert.Equal(7, body.GetProperty("guidance_scale").GetDouble());
        Assert.Equal(LeonardoProvider.CharacterSeed("ada"), body.GetProperty("seed").GetInt64());
        Assert.False(body.GetProperty("public").GetBoolean());
        JsonElement net = Assert.Single(body.GetProperty("controlnets").EnumerateArray());
        Assert.Equal(133, net.GetProperty("preprocessorId").GetInt32());
        Assert.Equal("UPLOADED", net.GetProperty("initImageType").GetString());
        Assert.Equal("Mid", net.GetProperty("strengthType").GetString());
        Assert.False(net.TryGetProperty("weight", out _));
        Assert.Equal(result.Metadata["leonardo.init_image_id"], net.GetProperty("initImageId").GetString());
        Assert.Equal((1, 1), (bed.Emulator.InitImagesIssued, bed.Emulator.InitImagesUploaded));
    }

    [Fact]
    public async Task A_shot_can_set_its_own_character_reference_strength_or_weight_so_a_study_can_sweep_it()
    {
        await using LeonardoTestbed bed = await LeonardoTestbed.StartAsync();
        ShotRequest shot = LeonardoTestbed.Request().Shot;
        Assert.Equal(("Mid", (double?)null), Reference(shot));
        Assert.Equal(("High", (double?)null), Reference(shot with { ProviderParameters = new Dictionary<string, string> { ["strength"] = "High" } }));
        Assert.Equal(((string?)null, 1.5), Reference(shot with { ProviderParameters = new Dictionary<string, string> { ["weight"] = "1.5" } }));
        Assert.Throws<ArgumentException>(() => Reference(shot with { ProviderParameters = new Dictionary<string, string> { ["strength"] = "Max" } }));
        Assert.Throws<ArgumentException>(() => Reference(shot with { ProviderParameters = new Dictionary<string, string> { ["weight"] = "3" } }));

        (string? Strength, double? Weight) Reference(ShotRequest s)
        {
            LeonardoControlNet net = Assert.Single(bed.Provider.InputFor("ada", s, "init-1").ControlNets!);
            return (net.StrengthType, net.Weight);
        }
    }

    [Fact]
    public async Task Polling_sees_PENDING_then_COMPLETE()
    {
        await using LeonardoTestbed bed = await LeonardoTestbed.StartAsync(e => e.RunDuration = TimeSpan.FromMilliseconds(200));
        string initImage = await bed.Client.UploadInitImageAsync(LeonardoTestbed.Request().References[1].Bytes, "jpg");
        LeonardoGenerationJob job = await bed.Client.CreateGenerationAsync(bed.Provider.InputFor("ada", LeonardoTestbed.Request().Shot, initImage));
        var seen = new List<string>();
        LeonardoGeneration done = await bed.Client.WaitForGenerationAsync(job.GenerationId!, new SyncProgress(g => seen.Add(g.Status)));
        Assert.Equal(LeonardoGeneration.Complete, done.Status);
        Assert.Equal(LeonardoGeneration.Pending, seen[0]);
        Assert.Equal(LeonardoGeneration.Complete, seen[^1]);
        Assert.Single(done.GeneratedImages);

        await bed.Client.DeleteGenerationAsync(job.GenerationId!);
        Assert.Equal(404, (await Assert.ThrowsAsync<LeonardoException>(() => bed.Client.GetGenerationAsync(job.GenerationId!))).Status);
    }

    [Fact]
    public async Task A_FAILED_generation_throws_naming_it_and_is_submitted_once()
    {
        await using LeonardoTestbed bed = await LeonardoTestbed.StartAsync(e => e.FailWhen = body => body.GetProperty("prompt").GetString()!.Contains("garden", StringComparison.Ordinal));
        LeonardoException error = await Assert.ThrowsAsync<LeonardoException>(() => bed.Provider.GenerateFromReferencesAsync(LeonardoTestbed.Request()));
        string id = Assert.Single(bed.Emulator.Generations).Id;
        Assert.Equal(id, error.RequestId);
        Assert.Contains("FAILED", error.Message, StringComparison.Ordinal);
        Assert.Equal("FAILED", bed.Emulator.Generations[0].Status);
    }

    [Fact]
    public async Task An_nsfw_flag_is_kept_per_image_in_the_metadata_and_the_paid_images_are_kept()
    {
        await using LeonardoTestbed bed = await LeonardoTestbed.StartAsync(e => e.NsfwWords = ["garden"]);
        GenerationResult flagged = await bed.Provider.GenerateFromReferencesAsync(LeonardoTestbed.Request(count: 2));
        Assert.Equal(2, flagged.Images.Count);
        Assert.Equal("true,true", flagged.Metadata["leonardo.nsfw"]);
        Assert.False(flagged.Moderated);
        Assert.True(flagged.CostUsd > 0);

        ReferenceGenerationRequest plain = LeonardoTestbed.Request();
        GenerationResult clean = await bed.Provider.GenerateFromReferencesAsync(plain with { Shot = plain.Shot with { Prompt = "portrait on a beach" } });
        Assert.Equal("false", clean.Metadata["leonardo.nsfw"]);
        Assert.Equal(2, bed.Emulator.Generations.Count);
    }

    [Fact]
    public async Task Credits_are_converted_when_a_rate_is_set_else_charged_at_the_price_table()
    {
        await using LeonardoTestbed rated = await LeonardoTestbed.StartAsync(e => (e.CostUnit, e.CostPerImage) = ("CREDITS", 16.5m), provider: new LeonardoProviderOptions { UsdPerCredit = 0.001m });
        Assert.Equal(0.0165m, (await rated.Provider.GenerateFromReferencesAsync(LeonardoTestbed.Request())).CostUsd);

        var prices = PriceOverrides.Parse("""{"prices":[{"provider":"leonardo","app":"leonardo/kino-xl-character-reference","unit":"image","usd":0.03}]}""", "prices.json");
        await using LeonardoTestbed priced = await LeonardoTestbed.StartAsync(e => e.CostUnit = "CREDITS", provider: new LeonardoProviderOptions { Prices = prices });
        GenerationResult result = await priced.Provider.GenerateFromReferencesAsync(LeonardoTestbed.Request(count: 2));
        Assert.Equal(0.06m, result.CostUsd);
        Assert.Equal("0.025 CREDITS", result.Metadata["leonardo.cost"]);
    }

    [Fact]
    public async Task A_weight_replaces_the_strength_and_the_shot_seed_policy_sends_the_shot_seed()
    {
        await using LeonardoTestbed bed = await LeonardoTestbed.StartAsync(provider: new LeonardoProviderOptions { Strength = null, Weight = 1.1, Seeds = LeonardoSeedPolicy.Shot });
        await bed.Provider.GenerateFromReferencesAsync(LeonardoTestbed.Request(seed: 77));
        JsonElement body = Assert.Single(bed.Emulator.Generations).Input;
        JsonElement net = body.GetProperty("controlnets")[0];
        Assert.Equal(1.1, net.GetProperty("weight").GetDouble());
        Assert.False(net.TryGetProperty("strengthType", out _));
        Assert.Equal(77, body.GetProperty("seed").GetInt64());
    }

    [Fact]
    public async Task Shots_outside_Leonardo_limits_are_refused_before_any_upload_or_payment()
    {
        await using LeonardoTestbed bed = await LeonardoTestbed.StartAsync();
        await Assert.ThrowsAsync<ArgumentException>(() => bed.Provider.GenerateFromReferencesAsync(LeonardoTestbed.Request(count: 5, width: 1024, height: 1024)));
        await Assert.ThrowsAsync<ArgumentException>(() => bed.Provider.GenerateFromReferencesAsync(LeonardoTestbed.Request() with { Shot = LeonardoTestbed.Request().Shot with { Steps = 5 } }));
        Assert.Equal(0, bed.Emulator.InitImagesIssued);
        Assert.Empty(bed.Emulator.Generations);
    }

    [Fact]
    public async Task A_stronger_character_reference_keeps_the_person_more_often_at_the_emulator()
    {
        await using LeonardoTestbed low = await LeonardoTestbed.StartAsync(provider: new LeonardoProviderOptions { Strength = "Low", Seeds = LeonardoSeedPolicy.Shot });
        await using LeonardoTestbed high = await LeonardoTestbed.StartAsync(provider: new LeonardoProviderOptions { Strength = "High", Seeds = LeonardoSeedPolicy.Shot });
        async Task<int> KeptAsync(LeonardoTestbed bed)
        {
            int kept = 0;
            foreach (int seed in Enumerable.Range(1, 5))
            {
                string id = (await bed.Provider.GenerateFromReferencesAsync(LeonardoTestbed.Request(seed, count: 8, width: 64, height: 64))).ProviderRequestId!;
                kept += bed.Emulator.IdentityKept(id).Count(k => k);
            }

            return kept;
        }

        int fromLow = await KeptAsync(low), fromHigh = await KeptAsync(high);
        Assert.True(fromHigh > fromLow, $"High kept {fromHigh}/40, Low {fromLow}/40");
        Assert.InRange(fromHigh, 30, 40);
        Assert.InRange(fromLow, 12, 32);
    }

    [Theory]
    [InlineData(1024, 1024, 1024, 1024)]
    [InlineData(2048, 1152, 1536, 864)]
    [InlineData(300, 403, 304, 400)]
    [InlineData(64, 20, 64, 32)]
    public void Sizes_are_scaled_into_range_and_snapped_to_multiples_of_8(int width, int height, int expectedWidth, int expectedHeight) =>
        Assert.Equal((expectedWidth, expectedHeight), LeonardoProvider.SizeFor(width, height));

    [Fact]
    public void The_character_seed_is_fixed_per_character_and_in_range()
    {
        Assert.Equal(LeonardoProvider.CharacterSeed("ada"), LeonardoProvider.CharacterSeed("ada"));
        Assert.NotEqual(LeonardoProvider.CharacterSeed("ada"), LeonardoProvider.CharacterSeed("bob"));
        Assert.InRange(LeonardoProvider.CharacterSeed("ada"), 0, LeonardoProvider.MaxSeed);
    }

    private sealed class SyncProgress(Action<LeonardoGeneration> report) : IProgress<LeonardoGeneration>
    {
        public void Report(LeonardoGeneration value) => report(value);
    }
}
