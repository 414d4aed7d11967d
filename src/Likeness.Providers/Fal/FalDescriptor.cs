using Likeness.Core.Costs;
using Likeness.Core.Prompts;
using Likeness.Core.Providers;

namespace Likeness.Providers.Fal;

/// <summary>fal as the registry lists it: apps, limits and default prices (users override prices per workspace).</summary>
public static class FalDescriptor
{
    /// <summary>The published prices (providers.md §1.7); the training price is not published in the sources.</summary>
    public static IReadOnlyList<Price> DefaultPrices { get; } =
    [
        new(FalApps.InstantCharacter, PriceUnit.Megapixel, 0.10m, "fal.ai/models/fal-ai/instant-character/llms.txt"),
        new(FalApps.FluxLora, PriceUnit.Megapixel, 0.035m, "fal.ai/models/fal-ai/flux-lora/stream/llms.txt"),
        new(FalApps.FluxLoraFastTraining, PriceUnit.Training, 2.00m, "UNCONFIRMED: not in the stored docs; an estimate, override it"),
        new(FalApps.KlingO1ReferenceToVideo, PriceUnit.VideoSecond, 0.112m, "fal.ai/models/fal-ai/kling-video/o1/reference-to-video/llms.txt"),
    ];

    /// <summary>The descriptor for a registration with <paramref name="options"/> over a client with <paramref name="client"/>'s settings.</summary>
    public static ProviderDescriptor Create(FalProviderOptions options, FalClientOptions client)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(client);
        var apps = new Dictionary<ProviderCapabilities, string>
        {
            [ProviderCapabilities.ReferenceGeneration] = FalApps.InstantCharacter,
            [ProviderCapabilities.Training] = FalApps.FluxLoraFastTraining,
            [ProviderCapabilities.TrainedGeneration] = FalApps.FluxLora,
            [ProviderCapabilities.ElementVideo] = FalApps.KlingO1ReferenceToVideo,
        };
        var offered = apps.Where(a => options.Capabilities.HasFlag(a.Key)).ToDictionary();
        return new ProviderDescriptor
        {
            Name = options.Name,
            DisplayName = options.DisplayName,
            Capabilities = options.Capabilities,
            Apps = offered,
            Prices = new PriceTable(DefaultPrices.Where(p => offered.ContainsValue(p.App))),
            TrainedDialect = PromptDialect.FalLora,
            KeyVariable = FalClientOptions.KeyVariable,
            KeyConfigured = client.HasKey,
            // Kling O1: each image ≤ 10 MB and ≥ 300 px a side; concurrency is the client's job limit (new fal accounts run 2).
            Limits = new ProviderLimits { MinReferences = 1, MaxReferences = 20, MaxReferenceBytes = 10L * 1000 * 1000, MinReferenceSide = 300, MaxConcurrency = client.MaxConcurrentJobs },
            // flux-lora-fast-training takes `steps` only (providers.md §1: no rank, no learning rate). Its range 1-10000 is
            // fal's own schema: `zFluxLoraFastTrainingInput.steps: z.int().gte(1).lte(10000)`, optional, in fal's official
            // client (github.com/fal-ai/fal-js, libs/client/src/types/training/zod.gen.ts, generated from fal's OpenAPI by
            // @hey-api/openapi-ts; commit 53241327, PR #187, not yet on its main branch). It states no default: 1000 is
            // always sent (docs/fal.md).
            Training = options.Capabilities.HasFlag(ProviderCapabilities.Training)
                ? new TrainingLimits { Steps = new ParameterRange(1, 10_000, options.TrainingSteps) }
                : TrainingLimits.None,
        };
    }
}
