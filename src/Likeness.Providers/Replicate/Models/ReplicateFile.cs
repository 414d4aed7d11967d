namespace Likeness.Providers.Replicate.Models;

/// <summary>A file uploaded with <c>POST /files</c> (providers.md §2.5); pass <c>urls.get</c> as an input value.</summary>
public sealed record ReplicateFile
{
    /// <summary>Replicate's id.</summary>
    public required string Id { get; init; }

    /// <summary>The content type given at upload.</summary>
    public string? ContentType { get; init; }

    /// <summary>Size in bytes.</summary>
    public long Size { get; init; }

    /// <summary>Checksums (<c>sha256</c>).</summary>
    public IReadOnlyDictionary<string, string>? Checksums { get; init; }

    /// <summary>When Replicate deletes it.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Its links; <c>get</c> is the input URL.</summary>
    public required ReplicateUrls Urls { get; init; }
}
