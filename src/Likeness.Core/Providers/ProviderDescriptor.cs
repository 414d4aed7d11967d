using Likeness.Core.Costs;
using Likeness.Core.Prompts;

namespace Likeness.Core.Providers;

/// <summary>What a provider accepts as references.</summary>
public sealed record ProviderLimits
{
    /// <summary>Fewest references a call or training takes.</summary>
    public int MinReferences { get; init; } = 1;

    /// <summary>Most references a call or training takes.</summary>
    public int MaxReferences { get; init; } = 20;

    /// <summary>Accepted reference formats ("jpeg", "png").</summary>
    public IReadOnlyList<string> Formats { get; init; } = ["jpeg", "png"];

    /// <summary>Largest reference file.</summary>
    public long MaxReferenceBytes { get; init; } = 10L * 1000 * 1000;

    /// <summary>Smallest side a reference may have.</summary>
    public int MinReferenceSide { get; init; } = 256;

    /// <summary>Calls the account may run at once.</summary>
    public int MaxConcurrency { get; init; } = 2;
}

/// <summary>A provider as the registry lists it: capabilities, limits, prices and whether it can be used now.</summary>
public sealed record ProviderDescriptor
{
    /// <summary>Name used on the command line and in the database ("fal", "sim-lora").</summary>
    public required string Name { get; init; }

    /// <summary>Name for people.</summary>
    public required string DisplayName { get; init; }

    /// <summary>What it can do.</summary>
    public required ProviderCapabilities Capabilities { get; init; }

    /// <summary>The provider app used for each capability (e.g. ReferenceGeneration: "fal-ai/instant-character").</summary>
    public required IReadOnlyDictionary<ProviderCapabilities, string> Apps { get; init; }

    /// <summary>What it accepts.</summary>
    public ProviderLimits Limits { get; init; } = new();

    /// <summary>Prices of its apps.</summary>
    public required PriceTable Prices { get; init; }

    /// <summary>The training parameters its trainer takes from the caller, with their ranges (none by default).</summary>
    public TrainingLimits Training { get; init; } = TrainingLimits.None;

    /// <summary>How its prompts name the identity when generating with a trained model.</summary>
    public PromptDialect TrainedDialect { get; init; } = PromptDialect.ReplicateTrigger;

    /// <summary>True for the offline simulator: its outputs are labelled simulated.</summary>
    public bool Simulated { get; init; }

    /// <summary>The environment variable holding the API key; null when none is needed.</summary>
    public string? KeyVariable { get; init; }

    /// <summary>Whether a key is configured.</summary>
    public bool KeyConfigured { get; init; }

    /// <summary>Facts worth showing beside the limits and prices: their sources, and what is unconfirmed.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Usable now: simulated, or a key is configured.</summary>
    public bool IsAvailable => Simulated || KeyConfigured;

    /// <summary>The app for a capability, or a clear error.</summary>
    public string AppFor(ProviderCapabilities capability) =>
        Apps.TryGetValue(capability, out string? app) ? app : throw new RuleViolationException($"{DisplayName} has no app for {capability}.");
}
