using Likeness.Inference.Clip;
using Likeness.Inference.HuggingFace;

namespace Likeness.Inference.Dino;

/// <summary>
/// Downloads <c>facebook/dinov2-small</c> (Apache-2.0) at a pinned revision into a <see cref="DinoModelStore"/>: the
/// SHA-256 of both files is pinned here, so a hub that serves other bytes is refused (see
/// <see cref="HubSnapshotFetcher"/>: resumable, loaded once before it is installed).
/// </summary>
/// <param name="http">The client to use (its timeout applies per request).</param>
/// <param name="endpoint">The hub, e.g. <c>https://huggingface.co</c>.</param>
/// <param name="pinnedSha256">The SHA-256 per file; default <see cref="Sha256"/> (tests pass their fixture's).</param>
public sealed class DinoModelFetcher(HttpClient http, Uri endpoint, IReadOnlyDictionary<string, string>? pinnedSha256 = null)
{
    /// <summary>The repository fetched.</summary>
    public const string Repository = "facebook/dinov2-small";

    /// <summary>The pinned commit.</summary>
    public const string Revision = "ed25f3a31f01632728cabb09d1542f84ab7b0056";

    private readonly HubSnapshotFetcher _fetcher = new(http, endpoint, Repository, Revision, pinnedSha256 ?? Sha256);

    /// <summary>SHA-256 of each file at <see cref="Revision"/>.</summary>
    public static IReadOnlyDictionary<string, string> Sha256 { get; } = new Dictionary<string, string>
    {
        [DinoModel.ConfigFileName] = "1809f83e3bdb1609a501a610ad4a742f4fd8ae44d72ca4aa0df52d1f2ac8628d",
        [DinoModel.WeightsFileName] = "ae1e99fcefd534ed978cdeb8326f08030c96e28b7a81ffcbc98a857c84d14be1",
    };

    /// <summary>Downloads, checks and installs the model; returns its config.</summary>
    public Task<DinoConfig> FetchAsync(DinoModelStore store, IProgress<ClipFetchProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return _fetcher.FetchAsync(store.Root, "dino", store.DinoDirectory, DinoModelStore.Check, progress, cancellationToken);
    }
}
