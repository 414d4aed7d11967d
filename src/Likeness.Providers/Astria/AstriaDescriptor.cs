using Likeness.Core.Costs;
using Likeness.Core.Prompts;
using Likeness.Core.Providers;

namespace Likeness.Providers.Astria;

/// <summary>Astria as the registry lists it (facts: /work/shared/reference/providers.md §3). Its client is not built yet.</summary>
public static class AstriaDescriptor
{
    /// <summary>Provider name.</summary>
    public const string Name = "astria";

    /// <summary>The API key's variable: providers.md names none, this is Likeness's choice.</summary>
    public const string KeyVariable = "ASTRIA_API_KEY";

    /// <summary>A FLUX LoRA tune: POST /tunes on base tune 1504944, preset flux-lora-portrait (providers.md §3.1).</summary>
    public const string TuneApp = "astria/flux-lora-tune";

    /// <summary>A prompt on the Flux base with <c>&lt;lora:TUNE_ID:strength&gt;</c> (providers.md §3.2).</summary>
    public const string PromptApp = "astria/flux-lora-prompt";

    /// <summary>The descriptor; the key is read from <paramref name="environment"/>.</summary>
    public static ProviderDescriptor Create(Func<string, string?> environment) => new()
    {
        Name = Name,
        DisplayName = "Astria (FLUX LoRA tunes)",
        Capabilities = ProviderCapabilities.Training | ProviderCapabilities.TrainedGeneration,
        Apps = new Dictionary<ProviderCapabilities, string>
        {
            [ProviderCapabilities.Training] = TuneApp,
            [ProviderCapabilities.TrainedGeneration] = PromptApp,
        },
        Prices = new PriceTable(
        [
            new Price(TuneApp, PriceUnit.Training, 1.50m,
                "providers.md §3.3 line 355: legacy (SD-era) API page \"$1.5 per fine-tune\"; current prices UNCONFIRMED"),
            new Price(PromptApp, PriceUnit.Image, 0.10m,
                "providers.md §3.3 line 355: legacy \"10¢ per prompt\", counted per image here (an upper bound: a prompt makes 1-8); current prices UNCONFIRMED"),
        ]),
        Limits = new ProviderLimits
        {
            MinReferences = 4,
            MaxReferences = 20,
            Formats = ["jpeg", "png"],
            MaxReferenceBytes = 10L * 1000 * 1000,
            MinReferenceSide = 256,
            MaxConcurrency = 2,
        },
        TrainedDialect = PromptDialect.Astria,
        KeyVariable = KeyVariable,
        KeyConfigured = ListedProviders.IsSet(environment, KeyVariable),
        Notes =
        [
            "references: the docs' examples use at least 4 (providers.md §3.1 line 314); the null preset is for 20+ images, so 20 is Likeness's default cap",
            "formats, file size, min side and concurrency are not stated by Astria: Likeness defaults; heavy polling gets 429 (§3.3)",
            "FaceID tunes skip training (§3.1 line 323) and prompts can make video (§3.2 line 342); neither is listed until element semantics are confirmed",
            "key variable: providers.md names none; ASTRIA_API_KEY is Likeness's choice",
        ],
    };
}
