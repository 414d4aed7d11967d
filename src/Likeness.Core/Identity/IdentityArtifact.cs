namespace Likeness.Core.Identity;

/// <summary>
/// A file or provider-side object an identity model depends on. Files are copied into the asset store
/// (content-addressed by <see cref="Sha256"/>) as soon as they exist, because providers delete them.
/// </summary>
public sealed record IdentityArtifact
{
    /// <summary>What it is.</summary>
    public required IdentityArtifactKind Kind { get; init; }

    /// <summary>Hex SHA-256 of the stored file; empty for provider-side objects.</summary>
    public string Sha256 { get; init; } = string.Empty;

    /// <summary>Size of the stored file in bytes.</summary>
    public long SizeBytes { get; init; }

    /// <summary>File name (e.g. "pytorch_lora_weights.safetensors") or the provider's object id.</summary>
    public required string Name { get; init; }

    /// <summary>Where the provider served it from, for the record (provider URLs expire).</summary>
    public string? SourceUri { get; init; }
}
