namespace Likeness.Core.Providers;

/// <summary>One image a provider returned, already downloaded (provider URLs expire).</summary>
public sealed record GeneratedImage(ReadOnlyMemory<byte> Bytes, string ContentType, int Width, int Height);

/// <summary>The outcome of one generation call.</summary>
public sealed record GenerationResult
{
    /// <summary>The images.</summary>
    public required IReadOnlyList<GeneratedImage> Images { get; init; }

    /// <summary>The provider's id for the call.</summary>
    public string? ProviderRequestId { get; init; }

    /// <summary>What the call cost (the provider's figure when it reports one, else the price table's).</summary>
    public decimal CostUsd { get; init; }

    /// <summary>Time from submit to result.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>True for simulated output.</summary>
    public bool Simulated { get; init; }

    /// <summary>
    /// True when the provider's moderation filtered the output (Stability's <c>CONTENT_FILTERED</c>: HTTP 200, a
    /// blurred image, charged). The shot is kept as <see cref="Shots.ShotStatus.Moderated"/> and never scored.
    /// </summary>
    public bool Moderated { get; init; }

    /// <summary>Provider facts worth keeping (seed used, NSFW flags, the simulator's ground truth).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
}

/// <summary>A video a provider returned.</summary>
public sealed record VideoResult(ReadOnlyMemory<byte> Bytes, string ContentType, double DurationSeconds, string? ProviderRequestId, decimal CostUsd, TimeSpan Latency, bool Simulated);

/// <summary>A trained identity's outputs: files to store and the provider's model id.</summary>
public sealed record TrainedIdentity(IReadOnlyList<TrainedFile> Files, string? ProviderModelId, decimal CostUsd);

/// <summary>A training output file, already downloaded.</summary>
public sealed record TrainedFile(Likeness.Core.Identity.IdentityArtifactKind Kind, string Name, ReadOnlyMemory<byte> Bytes, Uri? SourceUri);
