using Likeness.Inference.HuggingFace;

namespace Likeness.Inference.Clip;

/// <summary>
/// Downloads <c>openai/clip-vit-base-patch32</c> at a pinned revision into a <see cref="ClipModelStore"/> (see
/// <see cref="HubSnapshotFetcher"/>: sizes and hashes from the hub's tree listing of that immutable revision,
/// resumable, hash-checked, loaded once before it is installed).
/// </summary>
/// <param name="http">The client to use (its timeout applies per request).</param>
/// <param name="endpoint">The hub, e.g. <c>https://huggingface.co</c>.</param>
public sealed class ClipModelFetcher(HttpClient http, Uri endpoint)
{
    /// <summary>The repository fetched.</summary>
    public const string Repository = "openai/clip-vit-base-patch32";

    /// <summary>The pinned commit (the one that added <c>model.safetensors</c>).</summary>
    public const string Revision = "d15b5f29721ca72dac15f8526b284be910de18be";

    private readonly HubSnapshotFetcher _fetcher = new(http, endpoint, Repository, Revision, new Dictionary<string, string>());

    /// <summary>The files a CLIP model folder needs.</summary>
    public static IReadOnlyList<string> Files => ModelFolders.Files;

    /// <summary>The hub: <c>$HF_ENDPOINT</c> (Hugging Face's own variable) or https://huggingface.co.</summary>
    public static Uri DefaultEndpoint => HubSnapshotFetcher.DefaultEndpoint;

    /// <summary>Downloads, checks and installs the model; returns its config.</summary>
    public Task<ClipConfig> FetchAsync(ClipModelStore store, IProgress<ClipFetchProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return _fetcher.FetchAsync(store.Root, "clip", store.ClipDirectory, ClipModelStore.Check, progress, cancellationToken);
    }
}
