using Likeness.Core.Costs;
using Likeness.Core.Prompts;
using Likeness.Core.Providers;

namespace Likeness.Providers.Astria;

/// <summary>Astria as the registry lists it (facts: /work/shared/reference/providers.md §3): apps, limits and default prices.</summary>
public static class AstriaDescriptor
{
    /// <summary>Provider name.</summary>
    public const string Name = "astria";

    /// <summary>The FaceID registration's name.</summary>
    public const string FaceIdName = "astria-faceid";

    /// <summary>The SDXL registration's name.</summary>
    public const string SdxlName = "astria-sdxl";

    /// <summary>The API key's variable: providers.md names none, this is Likeness's choice.</summary>
    public const string KeyVariable = "ASTRIA_API_KEY";

    /// <summary>A FLUX LoRA tune: POST /tunes on base tune 1504944, preset flux-lora-portrait (providers.md §3.1).</summary>
    public const string TuneApp = "astria/flux-lora-tune";

    /// <summary>A prompt on the Flux base with <c>&lt;lora:TUNE_ID:strength&gt;</c> (providers.md §3.2).</summary>
    public const string PromptApp = "astria/flux-lora-prompt";

    /// <summary>A prompt on the Flux base with <c>&lt;faceid:TUNE_ID:1&gt;</c>: a FaceID tune needs no training (§3.1, §3.2).</summary>
    public const string FaceIdPromptApp = "astria/faceid-prompt";

    /// <summary>An SDXL tune: POST /tunes on branch sdxl1, which Astria trains as <c>pti</c> (providers.md §3.1).</summary>
    public const string SdxlTuneApp = "astria/sdxl-tune";

    /// <summary>A prompt on the SDXL tune itself, its token and class in the text (providers.md §3.2).</summary>
    public const string SdxlPromptApp = "astria/sdxl-prompt";

    /// <summary>The default prices and where each number comes from.</summary>
    public static IReadOnlyList<Price> DefaultPrices { get; } =
    [
        new(TuneApp, PriceUnit.Training, 1.50m,
            "providers.md §3.3: legacy (SD-era) API page \"$1.5 per fine-tune\"; current prices UNCONFIRMED; the fast branch is free (§3)"),
        new(PromptApp, PriceUnit.Image, 0.10m,
            "providers.md §3.3: legacy \"10¢ per prompt\", counted per image here (an upper bound: a prompt makes 1-8); current prices UNCONFIRMED"),
        new(FaceIdPromptApp, PriceUnit.Image, 0.10m,
            "providers.md §3.3: legacy \"10¢ per prompt\" per image as for LoRA prompts; the FaceID tune itself is not priced in the sources (taken as free); UNCONFIRMED"),
        new(SdxlTuneApp, PriceUnit.Training, 1.50m,
            "providers.md §3.3: legacy (SD-era) API page \"$1.5 per fine-tune\", taken for SDXL tunes as for Flux ones; current prices UNCONFIRMED"),
        new(SdxlPromptApp, PriceUnit.Image, 0.10m,
            "providers.md §3.3: legacy \"10¢ per prompt\", counted per image as for Flux prompts (an upper bound); current prices UNCONFIRMED"),
    ];

    /// <summary>The descriptor for a registration with <paramref name="options"/> over a client with <paramref name="client"/>'s settings.</summary>
    public static ProviderDescriptor Create(AstriaProviderOptions options, AstriaClientOptions client)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(client);
        var apps = new Dictionary<ProviderCapabilities, string>
        {
            [ProviderCapabilities.ReferenceGeneration] = FaceIdPromptApp,
            [ProviderCapabilities.Training] = options.IsSdxl ? SdxlTuneApp : TuneApp,
            [ProviderCapabilities.TrainedGeneration] = options.IsSdxl ? SdxlPromptApp : PromptApp,
        };
        var offered = apps.Where(a => options.Capabilities.HasFlag(a.Key)).ToDictionary();
        bool faceId = options.Capabilities == ProviderCapabilities.ReferenceGeneration;
        return new ProviderDescriptor
        {
            Name = options.Name,
            DisplayName = options.DisplayName,
            Capabilities = options.Capabilities,
            Apps = offered,
            Prices = new PriceTable(DefaultPrices.Where(p => offered.ContainsValue(p.App))),
            Limits = new ProviderLimits
            {
                MinReferences = faceId ? 1 : 4,
                MaxReferences = 20,
                Formats = ["jpeg", "png"],
                MaxReferenceBytes = 10L * 1000 * 1000,
                MinReferenceSide = 256,
                MaxConcurrency = client.MaxConcurrentJobs,
            },
            // An SDXL tune is prompted on itself: the trigger word in the text, no tags (the trigger dialect's shape).
            TrainedDialect = options.IsSdxl ? PromptDialect.ReplicateTrigger : PromptDialect.Astria,
            KeyVariable = KeyVariable,
            KeyConfigured = client.HasKey,
            Notes =
            [
                "references: the docs' examples use at least 4 (providers.md §3.1); the null preset is for 20+ images, so 20 is Likeness's default cap",
                "formats, file size, min side and concurrency are not stated by Astria: Likeness defaults; heavy polling gets 429 (§3.3)",
                options.IsSdxl
                    ? "SDXL tunes are pti (§3.1) and prompted on the tune itself with its token and class; no base id is in the sources, so base_tune_id is sent only when LIKENESS_ASTRIA_SDXL_BASE_TUNE_ID names one"
                    : "FLUX LoRA tunes are prompted on the Flux base 1504944 with <lora:ID:strength> (§3.2)",
                "FLUX LoRAs cannot be downloaded (§3.2): the identity keeps the tune id and the tune's JSON; Astria deletes the tune 30 days after training unless extended",
                "key variable: providers.md names none; ASTRIA_API_KEY is Likeness's choice",
            ],
        };
    }
}
