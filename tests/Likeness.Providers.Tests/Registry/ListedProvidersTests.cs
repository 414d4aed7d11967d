using Likeness.Core.Costs;
using Likeness.Core.Providers;
using Likeness.Providers.Astria;
using Likeness.Providers.Replicate;
using Likeness.Providers.Stability;

namespace Likeness.Providers.Tests.Registry;

public sealed class ListedProvidersTests
{
    private static readonly ProviderCapabilities[] Flags =
        [ProviderCapabilities.ReferenceGeneration, ProviderCapabilities.Training, ProviderCapabilities.TrainedGeneration, ProviderCapabilities.ElementVideo];

    [Fact]
    public void Each_listed_provider_has_an_app_per_capability_sourced_prices_and_its_key_variable()
    {
        IReadOnlyList<ProviderDescriptor> all = ListedProviders.Describe(_ => null);
        Assert.Equal(
            [("leonardo", "LEONARDO_API_KEY")],
            all.Select(d => (d.Name, d.KeyVariable!)));
        foreach (ProviderDescriptor d in all)
        {
            Assert.False(d.Simulated);
            Assert.False(d.KeyConfigured);
            Assert.False(d.IsAvailable);
            Assert.NotEqual(ProviderCapabilities.None, d.Capabilities);
            Assert.All(Flags.Where(f => d.Capabilities.HasFlag(f)), f => Assert.False(string.IsNullOrWhiteSpace(d.AppFor(f))));
            Assert.All(d.Prices.Prices, p => Assert.StartsWith("providers.md §", p.Source, StringComparison.Ordinal));
            Assert.InRange(d.Limits.MinReferences, 1, d.Limits.MaxReferences);
            Assert.NotEmpty(d.Notes);
        }
    }

    [Fact]
    public void The_capabilities_and_prices_match_the_reference_notes()
    {
        var byName = ListedProviders.Describe(_ => null).ToDictionary(d => d.Name);
        Assert.Equal(ProviderCapabilities.ReferenceGeneration, byName["leonardo"].Capabilities);
        Assert.Equal(10, byName["leonardo"].Limits.MaxConcurrency);

        // Leonardo has no price: an estimate refuses rather than guess.
        Assert.Empty(byName["leonardo"].Prices.Prices);
        Assert.Contains(byName["leonardo"].Notes, n => n.Contains("price UNCONFIRMED", StringComparison.Ordinal));
        Assert.Throws<Core.RuleViolationException>(() => byName["leonardo"].Prices.EstimateImages(byName["leonardo"].AppFor(ProviderCapabilities.ReferenceGeneration), 1024, 1024, 1));
    }

    [Fact]
    public void Every_default_price_of_the_built_providers_names_the_providers_md_section_it_comes_from()
    {
        IEnumerable<Price> prices = [.. ReplicateDescriptor.DefaultPrices, .. AstriaDescriptor.DefaultPrices, .. StabilityDescriptor.DefaultPrices];
        Assert.All(prices, p => Assert.Matches(@"^providers\.md §[2-5]", p.Source));

        // An estimate that is not a published figure says so.
        Assert.All(prices.Where(p => p.App.StartsWith("astria/", StringComparison.Ordinal) || p.App.Contains("control/", StringComparison.Ordinal)), p => Assert.Contains("UNCONFIRMED", p.Source, StringComparison.Ordinal));
        Assert.Contains("UNCONFIRMED", Assert.Single(ReplicateDescriptor.DefaultPrices, p => p.App == ReplicateDescriptor.DestinationApp).Source, StringComparison.Ordinal);
    }
}
