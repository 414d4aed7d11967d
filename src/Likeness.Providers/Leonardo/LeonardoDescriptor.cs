using Likeness.Core.Costs;
using Likeness.Core.Providers;

namespace Likeness.Providers.Leonardo;

/// <summary>Leonardo.ai as the registry lists it (facts: /work/shared/reference/providers.md §4); its client is <see cref="LeonardoProvider"/>.</summary>
public static class LeonardoDescriptor
{
    /// <summary>Provider name.</summary>
    public const string Name = "leonardo";

    /// <summary>The API key's variable: providers.md names none, this is Likeness's choice.</summary>
    public const string KeyVariable = "LEONARDO_API_KEY";

    /// <summary>Kino XL with a Character Reference controlnet (preprocessorId 133; providers.md §4).</summary>
    public const string CharacterReferenceApp = "leonardo/kino-xl-character-reference";

    /// <summary>The descriptor as listed before a client is registered; whether the key is set is read from <paramref name="environment"/>.</summary>
    public static ProviderDescriptor Create(Func<string, string?> environment) =>
        Build(Name, "Leonardo.ai (Character Reference)", ListedProviders.IsSet(environment, KeyVariable), 10);

    /// <summary>The descriptor of a provider registered with <paramref name="options"/> over a client with <paramref name="client"/>'s settings.</summary>
    public static ProviderDescriptor Create(LeonardoProviderOptions options, LeonardoClientOptions client)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(client);
        return Build(options.Name, options.DisplayName, client.HasKey, client.MaxConcurrentJobs);
    }

    private static ProviderDescriptor Build(string name, string displayName, bool keyConfigured, int concurrency) => new()
    {
        Name = name,
        DisplayName = displayName,
        Capabilities = ProviderCapabilities.ReferenceGeneration,
        Apps = new Dictionary<ProviderCapabilities, string> { [ProviderCapabilities.ReferenceGeneration] = CharacterReferenceApp },

        // No default line: Leonardo bills pay-as-you-go USD and reports each request's cost, but publishes no
        // per-image price in the sources (providers.md §4 line 391). An estimate refuses until prices.json has one.
        Prices = new PriceTable([]),
        Limits = new ProviderLimits
        {
            MinReferences = 1,
            MaxReferences = 1,
            Formats = ["jpeg", "png", "webp"],
            MaxReferenceBytes = 10L * 1000 * 1000,
            MinReferenceSide = 256,
            MaxConcurrency = concurrency,
        },
        KeyVariable = KeyVariable,
        KeyConfigured = keyConfigured,
        Notes =
        [
            "app: Kino XL aa77f04e-3eec-4034-9c07-d0f619684628 with controlnet preprocessorId 133 (providers.md §4 line 379); one reference in the documented recipe, more UNCONFIRMED",
            "formats: init-image extensions png, jpg, jpeg, webp (§4 line 384); file size and min side not stated (Likeness defaults)",
            "concurrency: 10 image generations; 100 generation requests/min; 200 pending (§4 line 390)",
            "price UNCONFIRMED: pay-as-you-go USD, cost returned per request; legacy credits (66 for 4 SDXL images at 1024²) have no stated USD value (§4 line 391)",
            "legacy SD custom-model training exists (§4 line 386) and is not built: its model status shape is not in the sources; key variable LEONARDO_API_KEY is Likeness's choice",
            "seed: the character's fixed seed (derived from its trigger token) by default; sizes snapped to multiples of 8, at most 1536 a side",
        ],
    };
}
