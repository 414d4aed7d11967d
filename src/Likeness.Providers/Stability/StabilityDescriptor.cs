using Likeness.Core.Costs;
using Likeness.Core.Providers;

namespace Likeness.Providers.Stability;

/// <summary>Stability AI as the registry lists it (facts: /work/shared/reference/providers.md §5). Its client is not built yet.</summary>
public static class StabilityDescriptor
{
    /// <summary>Provider name.</summary>
    public const string Name = "stability";

    /// <summary>The API key's variable: providers.md names none, this is Likeness's choice.</summary>
    public const string KeyVariable = "STABILITY_API_KEY";

    /// <summary>SD3.5 Large, mode image-to-image (POST /v2beta/stable-image/generate/sd3; providers.md §5).</summary>
    public const string ImageToImageApp = "stable-image/generate/sd3:sd3.5-large";


    private static string Source(string credits) => $"providers.md §5 line 423: 1 credit = $0.01 and {credits} credits/image, both 3rd-party figures";

    /// <summary>The descriptor; the key is read from <paramref name="environment"/>.</summary>
    public static ProviderDescriptor Create(Func<string, string?> environment) => new()
    {
        Name = Name,
        DisplayName = "Stability AI (SD3.5 image-to-image)",
        Capabilities = ProviderCapabilities.ReferenceGeneration,
        Apps = new Dictionary<ProviderCapabilities, string> { [ProviderCapabilities.ReferenceGeneration] = ImageToImageApp },
        Prices = new PriceTable(
        [
            new Price(ImageToImageApp, PriceUnit.Image, 0.065m, Source("6.5")),
            new Price("stable-image/generate/sd3:sd3.5-large-turbo", PriceUnit.Image, 0.04m, Source("4")),
            new Price("stable-image/generate/sd3:sd3.5-medium", PriceUnit.Image, 0.035m, Source("3.5")),
        ]),
        Limits = new ProviderLimits
        {
            MinReferences = 1,
            MaxReferences = 1,
            Formats = ["jpeg", "png", "webp"],
            MaxReferenceBytes = 10L * 1024 * 1024,
            MinReferenceSide = 64,
            MaxConcurrency = 2,
        },
        KeyVariable = KeyVariable,
        KeyConfigured = ListedProviders.IsSet(environment, KeyVariable),
        Notes =
        [
            "one input image per call (the `image` field; providers.md §5 line 419); jpeg/png/webp, each side at least 64 px, 4,096 to 4,194,304 pixels (§5 line 422)",
            "a request body over 10 MiB is refused with 413 (§5 line 408); 150 requests per 10 s, then 60 s timeout; concurrency not stated (2 is Likeness's default)",
            "control endpoints (structure, style) are priced separately: UNCONFIRMED; key variable STABILITY_API_KEY is Likeness's choice",
        ],
    };
}
