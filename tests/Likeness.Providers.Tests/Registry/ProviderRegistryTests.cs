using Likeness.Core;
using Likeness.Core.Costs;
using Likeness.Core.Providers;
using Likeness.Providers.Sim;
using Likeness.Testing;

namespace Likeness.Providers.Tests.Registry;

public sealed class ProviderRegistryTests : IDisposable
{
    private static readonly Dictionary<string, string> Keys = new() { ["LEONARDO_API_KEY"] = "leo-test" };
    private readonly TempFolder _state = new();

    public void Dispose() => _state.Dispose();

    private ProviderRegistry Registry(out SimProvider[] sims, PriceOverrides? prices = null)
    {
        var options = new SimOptions { StateDirectory = _state.Path, Prices = prices ?? PriceOverrides.None };
        sims = [.. SimProfile.Defaults.Select(p => new SimProvider(p, options, FixedDistractors.None, null, new ManualTime()))];
        return new ProviderRegistry(sims, ListedProviders.Describe(v => Keys.GetValueOrDefault(v)), prices);
    }

    [Fact]
    public void A_registered_client_replaces_its_descriptor_only_listing()
    {
        using var client = new Likeness.Providers.Leonardo.LeonardoClient(new Likeness.Providers.Leonardo.LeonardoClientOptions { Key = "k" });
        var leonardo = new Likeness.Providers.Leonardo.LeonardoProvider(client);
        var registry = new ProviderRegistry([leonardo], ListedProviders.Describe(_ => null));
        Assert.Single(registry.Listings);
        Assert.True(registry.Listings.Single(l => l.Descriptor.Name == "leonardo").ClientBuilt);
        Assert.Same(leonardo, registry.Require<IReferenceImageGenerator>("leonardo"));
        Assert.Throws<ArgumentException>(() => new ProviderRegistry([leonardo, new Likeness.Providers.Leonardo.LeonardoProvider(client)]));
    }

    [Fact]
    public void Every_provider_is_listed_and_only_the_sims_have_clients()
    {
        ProviderRegistry registry = Registry(out SimProvider[] sims);
        try
        {
            Assert.Equal(["leonardo", "sim-instant", "sim-lora", "sim-reference"], registry.Listings.Select(l => l.Descriptor.Name));
            Assert.Equal(["sim-instant", "sim-lora", "sim-reference"], registry.Listings.Where(l => l.ClientBuilt).Select(l => l.Descriptor.Name));
            Assert.True(registry.Describe("leonardo").KeyConfigured);
            Assert.Same(sims[1], registry.Require<IElementVideoGenerator>("sim-instant"));
        }
        finally
        {
            Array.ForEach(sims, s => s.Dispose());
        }
    }

    [Fact]
    public void A_provider_without_a_client_refuses_work_saying_so()
    {
        ProviderRegistry registry = Registry(out SimProvider[] sims);
        try
        {
            string get = Assert.Throws<RuleViolationException>(() => registry.Get("leonardo")).Message;
            Assert.Contains("Provider 'leonardo' (", get, StringComparison.Ordinal);
            Assert.Contains(") is listed for its capabilities and prices, but its client is not built yet", get, StringComparison.Ordinal);

            // Even with its key set, Leonardo cannot run: the missing client is the reason given.
            string require = Assert.Throws<RuleViolationException>(() => registry.Require<IReferenceImageGenerator>("leonardo")).Message;
            Assert.Contains("client is not built yet, so it cannot do generation from references. Providers that can: sim-instant, sim-reference.", require, StringComparison.Ordinal);

            // A capability it lacks is reported as such, not as a missing client.
            string lacks = Assert.Throws<RuleViolationException>(() => registry.Require<IElementVideoGenerator>("leonardo")).Message;
            Assert.Equal("Provider 'leonardo' cannot do this (video from elements). Providers that can: sim-instant.", lacks);
            Assert.Contains("Unknown provider 'kling'", Assert.Throws<NotFoundException>(() => registry.Describe("kling")).Message, StringComparison.Ordinal);
        }
        finally
        {
            Array.ForEach(sims, s => s.Dispose());
        }
    }

    [Fact]
    public void Price_overrides_reach_listed_providers_and_what_the_sim_charges()
    {
        var prices = PriceOverrides.Parse("""
            {"prices": [
              {"provider": "leonardo", "app": "leonardo/kino-xl-character-reference", "unit": "image", "usd": 0.02, "source": "my invoice"},
              {"provider": "sim-instant", "app": "sim-instant/elementvideo", "usd": 0.2}
            ]}
            """, "prices.json");
        ProviderRegistry registry = Registry(out SimProvider[] sims, prices);
        try
        {
            Assert.Equal(0.06m, registry.Describe("leonardo").Prices.EstimateImages("leonardo/kino-xl-character-reference", 1024, 1024, 3));
            Assert.Equal(1.0m, registry.Describe("sim-instant").Prices.EstimateVideo("sim-instant/elementvideo", 5));
            Assert.Equal(1.0m, sims[1].Descriptor.Prices.EstimateVideo("sim-instant/elementvideo", 5));
        }
        finally
        {
            Array.ForEach(sims, s => s.Dispose());
        }

        var bad = PriceOverrides.Parse("""{"prices": [{"provider": "sim-instant", "app": "sim-instant/elementvideo", "unit": "image", "usd": 1}]}""", "prices.json");
        string message = Assert.Throws<InvalidInputException>(() => Registry(out _, bad)).Message;
        Assert.StartsWith("prices.json: price line 1 (sim-instant sim-instant/elementvideo): the unit 'image' differs", message, StringComparison.Ordinal);
    }
}
