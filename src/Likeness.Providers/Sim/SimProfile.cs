using Likeness.Core.Providers;

namespace Likeness.Providers.Sim;

/// <summary>
/// One simulated provider: how often a shot keeps the character (<see cref="Fidelity"/>), how long calls
/// take, and what they cost. The three defaults stand for the three approaches the seeds compare.
/// </summary>
public sealed record SimProfile
{
    /// <summary>LoRA-like: trains first, then keeps the identity 95 % of the time (fal FLUX LoRA prices).</summary>
    public static SimProfile Lora { get; } = new()
    {
        Name = "sim-lora",
        DisplayName = "Simulated LoRA (train, then generate)",
        Fidelity = 0.95,
        MedianLatencyMs = 4500,
        Capabilities = ProviderCapabilities.Training | ProviderCapabilities.TrainedGeneration,
        PricePerMegapixelUsd = 0.035m,
        TrainingPriceUsd = 2.00m,
    };

    /// <summary>
    /// Instant-character-like: no training, keeps the identity 85 % of the time (fal Instant Character prices);
    /// also makes video from a pin, like Kling elements at the same host (Kling O1 Pro's price per second).
    /// </summary>
    public static SimProfile Instant { get; } = new()
    {
        Name = "sim-instant",
        DisplayName = "Simulated instant character (references, no training)",
        Fidelity = 0.85,
        MedianLatencyMs = 8000,
        Capabilities = ProviderCapabilities.ReferenceGeneration | ProviderCapabilities.MultiCharacter | ProviderCapabilities.ElementVideo,
        PricePerMegapixelUsd = 0.10m,
    };

    /// <summary>Image-to-image-like: keeps the identity 70 % of the time.</summary>
    public static SimProfile Reference { get; } = new()
    {
        Name = "sim-reference",
        DisplayName = "Simulated reference image-to-image",
        Fidelity = 0.70,
        MedianLatencyMs = 6000,
        Capabilities = ProviderCapabilities.ReferenceGeneration,
        PricePerImageUsd = 0.04m,
    };

    /// <summary>The three defaults.</summary>
    public static IReadOnlyList<SimProfile> Defaults { get; } = [Lora, Instant, Reference];

    /// <summary>Provider name.</summary>
    public required string Name { get; init; }

    /// <summary>Name for people.</summary>
    public required string DisplayName { get; init; }

    /// <summary>Probability that a shot keeps the character instead of drifting to a distractor identity.</summary>
    public required double Fidelity { get; init; }

    /// <summary>Median simulated latency; latencies are log-normal around it.</summary>
    public required double MedianLatencyMs { get; init; }

    /// <summary>Spread of the log-normal latency (sigma of the log).</summary>
    public double LatencySigma { get; init; } = 0.35;

    /// <summary>What it can do.</summary>
    public required ProviderCapabilities Capabilities { get; init; }

    /// <summary>Price per generated megapixel, if priced that way.</summary>
    public decimal? PricePerMegapixelUsd { get; init; }

    /// <summary>Price per generated image, if priced that way.</summary>
    public decimal? PricePerImageUsd { get; init; }

    /// <summary>
    /// How a trained identity's fidelity answers its training parameters; null (the default): every training keeps
    /// <see cref="Fidelity"/> whatever its parameters.
    /// </summary>
    public SimTrainingResponse? TrainingResponse { get; init; }

    /// <summary>Price of a training run.</summary>
    public decimal TrainingPriceUsd { get; init; }

    /// <summary>Price per second of video.</summary>
    public decimal VideoPricePerSecondUsd { get; init; } = 0.112m;
}
