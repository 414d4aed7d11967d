using Likeness.Core.Costs;
using Likeness.Core.Providers;

namespace Likeness.Providers.Stability;

/// <summary>Stability AI as the registry lists it: its apps, limits and default prices (facts: providers.md §5).</summary>
public static class StabilityDescriptor
{
    /// <summary>Provider name.</summary>
    public const string Name = "stability";

    /// <summary>The API key's variable: providers.md names none, this is Likeness's choice.</summary>
    public const string KeyVariable = StabilityClientOptions.KeyVariable;

    /// <summary>Structure control as a price-table app.</summary>
    public const string StructureApp = "stable-image/control/structure";

    /// <summary>Style control as a price-table app.</summary>
    public const string StyleApp = "stable-image/control/style";

    /// <summary>Core text-to-image as a price-table app.</summary>
    public const string CoreApp = "stable-image/generate/core";

    /// <summary>Ultra text-to-image as a price-table app.</summary>
    public const string UltraApp = "stable-image/generate/ultra";

    /// <summary>The published prices: 1 credit = $0.01 ([3rd] sources); control endpoints are not published.</summary>
    public static IReadOnlyList<Price> DefaultPrices { get; } =
    [
        new(Sd3App("sd3.5-large"), PriceUnit.Image, 0.065m, Source("6.5")),
        new(Sd3App("sd3.5-large-turbo"), PriceUnit.Image, 0.04m, Source("4")),
        new(Sd3App("sd3.5-medium"), PriceUnit.Image, 0.035m, Source("3.5")),
        new(CoreApp, PriceUnit.Image, 0.03m, Source("3")),
        new(UltraApp, PriceUnit.Image, 0.08m, Source("8")),
        new(StructureApp, PriceUnit.Image, 0.05m, "providers.md §5: UNCONFIRMED, control endpoints are priced separately and not published; an estimate, override it"),
        new(StyleApp, PriceUnit.Image, 0.05m, "providers.md §5: UNCONFIRMED, control endpoints are priced separately and not published; an estimate, override it"),
    ];

    /// <summary>The price-table app of sd3 with <paramref name="model"/>.</summary>
    public static string Sd3App(string model) => $"stable-image/generate/sd3:{model}";

    /// <summary>The app a registration with <paramref name="options"/> generates with.</summary>
    public static string AppFor(StabilityProviderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Approach switch
        {
            StabilityApproach.Structure => StructureApp,
            StabilityApproach.Style => StyleApp,
            _ => Sd3App(options.Model),
        };
    }

    /// <summary>The descriptor of a registration with <paramref name="options"/> over a client with <paramref name="client"/>'s settings.</summary>
    public static ProviderDescriptor Create(StabilityProviderOptions options, StabilityClientOptions client)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(client);
        string app = AppFor(options);
        return new ProviderDescriptor
        {
            Name = options.Name,
            DisplayName = options.DisplayName,
            Capabilities = ProviderCapabilities.ReferenceGeneration,
            Apps = new Dictionary<ProviderCapabilities, string> { [ProviderCapabilities.ReferenceGeneration] = app },
            Prices = new PriceTable(DefaultPrices.Where(p => p.App == app)),
            Limits = new ProviderLimits
            {
                MinReferences = 1,
                MaxReferences = 1,
                Formats = ["jpeg", "png", "webp"],
                MaxReferenceBytes = StabilityClientOptions.MaxBodyBytes,
                MinReferenceSide = 64,
                MaxConcurrency = client.Http.MaxConcurrency,
            },
            KeyVariable = KeyVariable,
            KeyConfigured = client.HasKey,
            Notes =
            [
                "one input image per call (the `image` part); jpeg/png/webp, each side at least 64 px, 4,096 to 4,194,304 pixels (providers.md §5)",
                "a request body over 10 MiB is refused with 413; the client keeps under 150 requests per 10 s and waits 60 s after a 429",
                "finish_reason CONTENT_FILTERED (HTTP 200, blurred, charged) is kept as a moderated shot and never scored",
                "control endpoint prices are UNCONFIRMED estimates; STABILITY_API_KEY is Likeness's choice of variable",
            ],
        };
    }

    private static string Source(string credits) => $"providers.md §5: 1 credit = $0.01 and {credits} credits/image, both 3rd-party figures";
}
