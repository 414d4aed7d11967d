using Likeness.Core.Costs;
using Likeness.Core.Providers;

namespace Likeness.Core.Tests;

public sealed class PriceOverridesTests
{
    private static ProviderDescriptor Fal() => new()
    {
        Name = "fal",
        DisplayName = "fal.ai",
        Capabilities = ProviderCapabilities.ReferenceGeneration | ProviderCapabilities.ElementVideo | ProviderCapabilities.Training,
        Apps = new Dictionary<ProviderCapabilities, string>
        {
            [ProviderCapabilities.ReferenceGeneration] = "fal-ai/instant-character",
            [ProviderCapabilities.ElementVideo] = "fal-ai/kling-video/o1/reference-to-video",
            [ProviderCapabilities.Training] = "fal-ai/flux-lora-fast-training",
        },
        Prices = new PriceTable(
        [
            new Price("fal-ai/instant-character", PriceUnit.Megapixel, 0.10m, "default"),
            new Price("fal-ai/kling-video/o1/reference-to-video", PriceUnit.VideoSecond, 0.112m, "default"),
        ]),
    };

    private static string File(string lines) => $$"""{"prices": [{{lines}}]}""";

    private static string Message(string json, ProviderDescriptor? apply = null) =>
        Assert.Throws<InvalidInputException>(() => PriceOverrides.Parse(json, "/home/p.json").Apply(apply ?? Fal())).Message;

    [Fact]
    public void A_line_replaces_the_default_price_and_keeps_its_unit()
    {
        var overrides = PriceOverrides.Parse(File("""{"provider": "FAL", "app": "fal-ai/instant-character", "usd": 0.12, "source": "invoice 2026-11"}"""), "/home/p.json");
        ProviderDescriptor applied = overrides.Apply(Fal());
        Price price = applied.Prices.Find("fal-ai/instant-character")!;
        Assert.Equal((PriceUnit.Megapixel, 0.12m, "invoice 2026-11"), (price.Unit, price.Usd, price.Source));
        Assert.Equal(0.12m * 1024 * 1024 / 1_000_000m, applied.Prices.EstimateImages("fal-ai/instant-character", 1024, 1024, 1));
        Assert.Equal(0.112m, applied.Prices.Find("fal-ai/kling-video/o1/reference-to-video")!.Usd);
        Assert.Equal(0.10m, Fal().Prices.Find("fal-ai/instant-character")!.Usd);
        Assert.Same(applied, PriceOverrides.None.Apply(applied));
    }

    [Fact]
    public void An_app_without_a_default_price_can_be_priced_when_the_line_names_its_unit()
    {
        const string app = "fal-ai/flux-lora-fast-training";
        ProviderDescriptor applied = PriceOverrides.Parse(File($$"""{"provider": "fal", "app": "{{app}}", "unit": "training", "usd": 2.5}"""), "/p.json").Apply(Fal());
        Assert.Equal(2.5m, applied.Prices.EstimateTraining(app));
        Assert.Equal("override in /p.json", applied.Prices.Find(app)!.Source);
        Assert.Contains("must give its \"unit\"", Message(File($$"""{"provider": "fal", "app": "{{app}}", "usd": 2.5}""")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"provider": "fal", "app": "fal-ai/instant-character", "unit": "image", "usd": 1}""", "price line 1 (fal fal-ai/instant-character): the unit 'image' differs from the default's 'megapixel'")]
    [InlineData("""{"provider": "fal", "app": "fal-ai/nope", "usd": 1}""", "price line 1 (fal fal-ai/nope): fal has no app 'fal-ai/nope'. Its apps: fal-ai/flux-lora-fast-training")]
    [InlineData("""{"provider": "fal", "app": "fal-ai/instant-character", "usd": -1}""", "price line 1 (fal fal-ai/instant-character): \"usd\" cannot be negative")]
    [InlineData("""{"provider": "fal", "app": "a", "usd": "cheap"}""", "price line 1 (fal a): \"usd\" must be a number")]
    [InlineData("""{"provider": "fal", "app": "a", "unit": "frame", "usd": 1}""", "unknown unit 'frame'. Units: image, megapixel, video_second, training")]
    [InlineData("""{"app": "a", "usd": 1}""", "price line 1: \"provider\" must be a non-empty string")]
    [InlineData("""{"provider": "fal", "app": "fal-ai/instant-character", "usd": 1}, {"provider": "fal", "app": "FAL-AI/instant-character", "usd": 2}""", "price line 2 (fal FAL-AI/instant-character) prices the same app twice")]
    [InlineData("""{"provider": "fal", "app": "fal-ai/instant-character", "usd": 1}, 7""", "price line 2: expected an object")]
    public void A_bad_line_is_refused_with_the_file_and_line_named(string lines, string expected)
    {
        string message = Message(File(lines));
        Assert.StartsWith("/home/p.json: ", message, StringComparison.Ordinal);
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_json_and_a_wrong_shape_are_refused()
    {
        Assert.Contains("not valid JSON at line 3", Message("{\"prices\": [\n{\"provider\": \"fal\",\n \"app\" \"x\"}]}"), StringComparison.Ordinal);
        Assert.Contains("expected {\"prices\": [", Message("[]"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_for_an_unknown_provider_is_refused_naming_the_known_ones()
    {
        var overrides = PriceOverrides.Parse(File("""{"provider": "fal", "app": "a", "usd": 1}, {"provider": "midjourney", "app": "a", "usd": 1}"""), "/p.json");
        overrides.RequireKnownProviders(["fal", "midjourney"]);
        var error = Assert.Throws<InvalidInputException>(() => overrides.RequireKnownProviders(["sim-lora", "fal", "astria"]));
        Assert.Equal("/p.json: price line 2 (midjourney a): there is no provider 'midjourney'. Known: astria, fal, sim-lora.", error.Message);
    }
}
