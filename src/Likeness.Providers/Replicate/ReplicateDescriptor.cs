using Likeness.Core.Costs;
using Likeness.Core.Prompts;
using Likeness.Core.Providers;

namespace Likeness.Providers.Replicate;

/// <summary>Replicate as the registry lists it (facts: /work/shared/reference/providers.md §2). Its client is not built yet.</summary>
public static class ReplicateDescriptor
{
    /// <summary>Provider name.</summary>
    public const string Name = "replicate";

    /// <summary>The API token's variable, as Replicate's own clients name it (providers.md §2.1).</summary>
    public const string KeyVariable = "REPLICATE_API_TOKEN";

    /// <summary>The FLUX.1 dev LoRA trainer (providers.md §2.3).</summary>
    public const string TrainerApp = "ostris/flux-dev-lora-trainer";

    /// <summary>Generation runs on the destination model the training creates a version of (providers.md §2.3).</summary>
    public const string DestinationApp = "flux-dev-lora-destination";

    /// <summary>The descriptor; the key is read from <paramref name="environment"/>.</summary>
    public static ProviderDescriptor Create(Func<string, string?> environment) => new()
    {
        Name = Name,
        DisplayName = "Replicate (FLUX.1 dev LoRA trainer)",
        Capabilities = ProviderCapabilities.Training | ProviderCapabilities.TrainedGeneration,
        Apps = new Dictionary<ProviderCapabilities, string>
        {
            [ProviderCapabilities.Training] = TrainerApp,
            [ProviderCapabilities.TrainedGeneration] = DestinationApp,
        },
        Prices = new PriceTable(
        [
            new Price(TrainerApp, PriceUnit.Training, 1.04m,
                "providers.md §2.3 line 255: billed per second on gpu-h100 at $0.001525/s; $1.04 is a 3rd-party run (20 images, defaults, 11 min 22 s) - UNCONFIRMED for other runs"),
        ]),
        Limits = new ProviderLimits
        {
            MinReferences = 10,
            MaxReferences = 20,
            Formats = ["jpeg", "png"],
            MaxReferenceBytes = 100L * 1000 * 1000,
            MinReferenceSide = 512,
            MaxConcurrency = 2,
        },
        TrainedDialect = PromptDialect.ReplicateTrigger,
        KeyVariable = KeyVariable,
        KeyConfigured = ListedProviders.IsSet(environment, KeyVariable),
        Notes =
        [
            "references: at least 10 recommended (providers.md §2.3 line 240), sent as one zip; max 20 is Likeness's default, Replicate states none",
            "file size: 100 MB per uploaded file, i.e. the zip (§2.5 line 276); min side 512 is the trainer's smallest resolution",
            "generation price UNCONFIRMED: the destination model bills H100 seconds and its predict time is not published; price it in prices.json",
            "rate: 600 creates/min, 3000 other requests/min (§2.1 line 207); concurrency not stated (2 is Likeness's default)",
        ],
    };
}
