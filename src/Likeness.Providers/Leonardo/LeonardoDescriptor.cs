using Likeness.Core.Costs;
using Likeness.Core.Providers;

namespace Likeness.Providers.Leonardo;

/// <summary>Leonardo.ai as the registry lists it (facts: /work/shared/reference/providers.md §4). Its client is not built yet.</summary>
public static class LeonardoDescriptor
{
    /// <summary>Provider name.</summary>
    public const string Name = "leonardo";

    /// <summary>The API key's variable: providers.md names none, this is Likeness's choice.</summary>
    public const string KeyVariable = "LEONARDO_API_KEY";

    /// <summary>Kino XL with a Character Reference controlnet (preprocessorId 133; providers.md §4).</summary>
    public const string CharacterReferenceApp = "leonardo/kino-xl-character-reference";

    /// <summary>The descriptor; the key is read from <paramref name="environment"/>.</summary>
    public static ProviderDescriptor Create(Func<string, string?> environment) => new()
    {
        Name = Name,
        DisplayName = "Leonardo.ai (Character Reference)",
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
            MaxConcurrency = 10,
        },
        KeyVariable = KeyVariable,
        KeyConfigured = ListedProviders.IsSet(environment, KeyVariable),
        Notes =
        [
            "app: Kino XL aa77f04e-3eec-4034-9c07-d0f619684628 with controlnet preprocessorId 133 (providers.md §4 line 379); one reference in the documented recipe, more UNCONFIRMED",
            "formats: init-image extensions png, jpg, jpeg, webp (§4 line 384); file size and min side not stated (Likeness defaults)",
            "concurrency: 10 image generations; 100 generation requests/min; 200 pending (§4 line 390)",
            "price UNCONFIRMED: pay-as-you-go USD, cost returned per request; legacy credits (66 for 4 SDXL images at 1024²) have no stated USD value (§4 line 391)",
            "legacy SD custom-model training exists (§4 line 386) and is not listed; key variable LEONARDO_API_KEY is Likeness's choice",
        ],
    };
}
