using Likeness.Inference.Clip;
using Likeness.Inference.Dino;
using Likeness.Inference.Safetensors;

namespace Likeness.Cli.Commands.Dino;

/// <summary>What <c>likeness models import dino DIR</c> and <c>likeness models fetch dino</c> do; the models commands dispatch here.</summary>
internal static class DinoModelInstall
{
    public static DinoModelStore StoreFor(DirectoryInfo? cache) => cache is null ? DinoModelStore.Default : new DinoModelStore(cache.FullName);

    /// <summary>Checks and installs a snapshot folder; returns the line to print.</summary>
    public static string Import(DirectoryInfo from, DirectoryInfo? cache)
    {
        DinoModelStore store = StoreFor(cache);
        try
        {
            return $"Installed DINOv2 ({Describe(store.Import(from.FullName))}) from {from.FullName} into {store.DinoDirectory}.";
        }
        catch (InvalidModelException ex)
        {
            throw new CliUsageException($"{from.FullName} is not a usable DINOv2 model: {ex.Message}");
        }
    }

    /// <summary>Downloads, checks and installs <see cref="DinoModelFetcher.Repository"/>; returns the line to print.</summary>
    public static async Task<string> FetchAsync(HttpClient http, Uri endpoint, DirectoryInfo? cache, IProgress<ClipFetchProgress> progress, CancellationToken cancellationToken)
    {
        DinoModelStore store = StoreFor(cache);
        DinoConfig config = await new DinoModelFetcher(http, endpoint).FetchAsync(store, progress, cancellationToken).ConfigureAwait(false);
        return $"Installed {DinoModelFetcher.Repository} ({Describe(config)}) into {store.DinoDirectory}.";
    }

    private static string Describe(DinoConfig config) =>
        $"{config.ModelType}, {config.HiddenSize}x{config.NumHiddenLayers} patch {config.PatchSize}, {config.NumRegisterTokens} registers";
}
