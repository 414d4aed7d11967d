using Likeness.Core.Costs;
using Likeness.Core.Providers;

namespace Likeness.Providers.Replicate;

/// <summary>How <see cref="ReplicateProvider"/> trains and generates.</summary>
public sealed record ReplicateProviderOptions
{
    /// <summary>The H100 rate Replicate bills FLUX trainings and fine-tune predictions at (providers.md §2.3: <c>gpu-h100</c> $0.001525/s).</summary>
    public const decimal H100SecondUsd = 0.001525m;

    /// <summary>The provider's name in the registry.</summary>
    public string Name { get; init; } = ReplicateDescriptor.Name;

    /// <summary>Name for people.</summary>
    public string DisplayName { get; init; } = "Replicate (FLUX.1 dev LoRA trainer)";

    /// <summary>The capabilities this registration offers.</summary>
    public ProviderCapabilities Capabilities { get; init; } = ProviderCapabilities.Training | ProviderCapabilities.TrainedGeneration;

    /// <summary>The trainer.</summary>
    public ReplicateTrainer Trainer { get; init; } = ReplicateTrainer.FluxLora;

    /// <summary>
    /// The trainer model, <c>owner/name</c> (its latest version is used) or <c>owner/name:version</c> to pin one; null:
    /// <c>ostris/flux-dev-lora-trainer</c> or <c>stability-ai/sdxl</c> by <see cref="Trainer"/>.
    /// </summary>
    public string? TrainerModel { get; init; }

    /// <summary>The account that owns destination models; null: the token's own account (<c>GET /account</c>).</summary>
    public string? Owner { get; init; }

    /// <summary>Destination models are named this prefix plus the character's trigger token.</summary>
    public string DestinationPrefix { get; init; } = "likeness-";

    /// <summary>How a missing destination model is created.</summary>
    public ReplicateModelSettings Destination { get; init; } = new();

    /// <summary>Training steps when the request names none (the FLUX trainer's default is 1000).</summary>
    public int TrainingSteps { get; init; } = 1000;

    /// <summary>Learning rate when the request names none (FLUX trainer default 4e-4; SDXL's LoRA rate 1e-4).</summary>
    public double? LearningRate { get; init; }

    /// <summary>LoRA rank when the request names none (FLUX trainer default 16; SDXL 32).</summary>
    public int? LoraRank { get; init; }

    /// <summary>
    /// Write a caption beside each image (the trigger word and the photo's role) and turn the trainer's autocaption
    /// off; when false the trainer captions the images itself.
    /// </summary>
    public bool SupplyCaptions { get; init; } = true;

    /// <summary>Output format asked of the trained model (<c>webp</c>, <c>jpg</c> or <c>png</c>; Replicate's default is webp).</summary>
    public string OutputFormat { get; init; } = "png";

    /// <summary>A second LoRA applied at generation (<c>extra_lora</c>: a Replicate model, Hugging Face or URL), or null.</summary>
    public string? ExtraLora { get; init; }

    /// <summary>The strength of <see cref="ExtraLora"/> (<c>extra_lora_scale</c>, −1 to 2; trainer default 0.8).</summary>
    public double ExtraLoraScale { get; init; } = 0.8;

    /// <summary>A public https URL Replicate posts training events to (with <c>webhook_events_filter</c> <c>completed</c>), or null to poll only.</summary>
    public Uri? WebhookUrl { get; init; }

    /// <summary>What one GPU second costs; the charge is this times the measured <c>metrics.predict_time</c>.</summary>
    public decimal GpuSecondUsd { get; init; } = H100SecondUsd;

    /// <summary>The workspace's price overrides, applied to the default estimates.</summary>
    public PriceOverrides Prices { get; init; } = PriceOverrides.None;

    /// <summary>Options from the environment: the destination owner from <c>LIKENESS_REPLICATE_OWNER</c> and a pinned trainer from <c>LIKENESS_REPLICATE_TRAINER</c>.</summary>
    public static ReplicateProviderOptions FromEnvironment(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        return new ReplicateProviderOptions
        {
            Owner = environment("LIKENESS_REPLICATE_OWNER") is { Length: > 0 } owner ? owner.Trim() : null,
            TrainerModel = environment("LIKENESS_REPLICATE_TRAINER") is { Length: > 0 } trainer ? trainer.Trim() : null,
        };
    }

    /// <summary>The trainer model to use.</summary>
    public string TrainerModelOrDefault => TrainerModel ?? (Trainer == ReplicateTrainer.FluxLora ? ReplicateDescriptor.TrainerApp : ReplicateDescriptor.SdxlTrainerApp);

    /// <summary>Checks the values.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Name);
        ArgumentException.ThrowIfNullOrWhiteSpace(DestinationPrefix);
        ArgumentNullException.ThrowIfNull(Destination);
        ReplicateClient.SplitModel(TrainerModelOrDefault);
        if (OutputFormat is not ("webp" or "jpg" or "png"))
        {
            throw new ArgumentException($"Replicate output format must be webp, jpg or png (got '{OutputFormat}').");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(TrainingSteps, 3);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(TrainingSteps, 6000);
        if (LoraRank is { } rank)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(rank, 1, nameof(LoraRank));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(rank, 128, nameof(LoraRank));
        }

        if (LearningRate is { } rate && (rate <= 0 || rate >= 1 || double.IsNaN(rate)))
        {
            throw new ArgumentOutOfRangeException(nameof(LearningRate), rate, "The learning rate must be in (0, 1).");
        }

        if (ExtraLoraScale is < -1 or > 2)
        {
            throw new ArgumentOutOfRangeException(nameof(ExtraLoraScale), ExtraLoraScale, "extra_lora_scale is −1 to 2.");
        }

        if (WebhookUrl is { Scheme: not "https" and not "http" })
        {
            throw new ArgumentException("The Replicate webhook URL must be http(s).");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(GpuSecondUsd);
        ArgumentNullException.ThrowIfNull(Prices);
    }
}
