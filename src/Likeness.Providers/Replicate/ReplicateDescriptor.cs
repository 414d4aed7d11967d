using Likeness.Core.Costs;
using Likeness.Core.Prompts;
using Likeness.Core.Providers;

namespace Likeness.Providers.Replicate;

/// <summary>Replicate as the registry lists it (facts: /work/shared/reference/providers.md §2): apps, limits and default prices.</summary>
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

    /// <summary>The SDXL trainer (trainable <c>stability-ai/sdxl</c>; UNCONFIRMED in providers.md).</summary>
    public const string SdxlTrainerApp = "stability-ai/sdxl";

    /// <summary>Generation on an SDXL LoRA destination version.</summary>
    public const string SdxlDestinationApp = "sdxl-lora-destination";

    /// <summary>Seconds of H100 one 1024² image is reserved for before the call; the charge is the measured time.</summary>
    public const int EstimatedImageSeconds = 10;

    /// <summary>The default estimates; the actual charge is always the H100 rate times the measured <c>metrics.predict_time</c>.</summary>
    public static IReadOnlyList<Price> DefaultPrices { get; } =
    [
        new(TrainerApp, PriceUnit.Training, 1.04m,
            "providers.md §2.3: billed per second on gpu-h100 at $0.001525/s; $1.04 is a 3rd-party run (20 images, defaults, 11 min 22 s) - an estimate; charged: measured predict_time"),
        new(DestinationApp, PriceUnit.Image, EstimatedImageSeconds * ReplicateProviderOptions.H100SecondUsd,
            "providers.md §2.3: H100 at $0.001525/s; the 10 s per image is an UNCONFIRMED estimate; charged: measured metrics.predict_time x $0.001525/s"),
        new(SdxlTrainerApp, PriceUnit.Training, 1.04m, "providers.md §2.3: the SDXL trainer is not priced there, so the FLUX trainer's figure, an UNCONFIRMED estimate; charged: measured predict_time"),
        new(SdxlDestinationApp, PriceUnit.Image, EstimatedImageSeconds * ReplicateProviderOptions.H100SecondUsd,
            "providers.md §2.3: H100 at $0.001525/s; the 10 s per image is an UNCONFIRMED estimate; charged: measured metrics.predict_time x the GPU rate"),
    ];

    /// <summary>
    /// What the trainer takes. FLUX (ostris/flux-dev-lora-trainer, whose source is github.com/replicate/flux-fine-tuner,
    /// train.py at 3dd14e37, as providers.md §2.3 says): steps 3-6000 (default 1000), lora_rank 1-128 (16), learning_rate
    /// default 4e-4 with no bound at all, so 1e-7-0.01 is Likeness's own guard against typos, not the trainer's rule. SDXL
    /// (stability-ai/sdxl, source github.com/replicate/cog-sdxl, train.py at c79cb3c9): max_train_steps default 1000,
    /// lora_rank 32, lora_lr 1e-4, none bounded; the same guards as FLUX are Likeness's own.
    /// </summary>
    private static TrainingLimits TrainingOf(ReplicateProviderOptions options)
    {
        bool flux = options.Trainer == ReplicateTrainer.FluxLora;
        return new TrainingLimits
        {
            Steps = new ParameterRange(3, 6000, options.TrainingSteps, Confirmed: flux),
            Rank = new ParameterRange(1, 128, options.LoraRank ?? (flux ? 16 : 32), Confirmed: flux),
            LearningRate = new ParameterRange(1e-7, 1e-2, options.LearningRate ?? (flux ? 4e-4 : 1e-4), Confirmed: false),
        };
    }

    /// <summary>The descriptor for a registration with <paramref name="options"/> over a client with <paramref name="client"/>'s settings.</summary>
    public static ProviderDescriptor Create(ReplicateProviderOptions options, ReplicateClientOptions client)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(client);
        bool flux = options.Trainer == ReplicateTrainer.FluxLora;
        string trainer = flux ? TrainerApp : SdxlTrainerApp, destination = flux ? DestinationApp : SdxlDestinationApp;
        var apps = new Dictionary<ProviderCapabilities, string>
        {
            [ProviderCapabilities.Training] = trainer,
            [ProviderCapabilities.TrainedGeneration] = destination,
        };
        var offered = apps.Where(a => options.Capabilities.HasFlag(a.Key)).ToDictionary();
        return new ProviderDescriptor
        {
            Name = options.Name,
            DisplayName = options.DisplayName,
            Capabilities = options.Capabilities,
            Apps = offered,
            Prices = new PriceTable(DefaultPrices.Where(p => offered.ContainsValue(p.App))),
            Limits = new ProviderLimits
            {
                // Replicate states no minimum (10+ recommended, see Notes); 3 is Likeness's own floor of photos with a face.
                MinReferences = 3,
                MaxReferences = 20,
                Formats = ["jpeg", "png"],
                MaxReferenceBytes = 100L * 1000 * 1000,
                MinReferenceSide = 512,
                MaxConcurrency = client.MaxConcurrentJobs,
            },
            Training = options.Capabilities.HasFlag(ProviderCapabilities.Training) ? TrainingOf(options) : TrainingLimits.None,
            TrainedDialect = PromptDialect.ReplicateTrigger,
            KeyVariable = KeyVariable,
            KeyConfigured = client.HasKey,
            Notes =
            [
                "references: 10 or more recommended for the FLUX trainer (providers.md §2.3), none required; sent as one zip with captions (autocaption off)",
                "file size: 100 MB per uploaded file, i.e. the zip (§2.5); min side 512 is the trainer's smallest resolution",
                "charged: measured metrics.predict_time x $0.001525/s (gpu-h100); canceled predictions are charged, aborted ones are not",
                "rate: 600 creates/min, 3000 other requests/min (§2.1); outputs removed after 1 h, so they are copied at once",
            ],
        };
    }
}
