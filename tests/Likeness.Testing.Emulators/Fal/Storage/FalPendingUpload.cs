using System.Collections.Concurrent;

namespace Likeness.Testing.Emulators.Fal.Storage;

/// <summary>An upload that was initiated and whose bytes (or parts) have not all arrived.</summary>
internal sealed class FalPendingUpload(string cdnPath, string contentType, string fileName, string secret)
{
    public string CdnPath { get; } = cdnPath;

    public string ContentType { get; } = contentType;

    public string FileName { get; } = fileName;

    /// <summary>The query token that makes the upload URL a capability (fal's are presigned: no auth header).</summary>
    public string Secret { get; } = secret;

    /// <summary>The lifetime the initiate call asked for (<c>X-Fal-Object-Lifecycle</c>); null: never expires.</summary>
    public TimeSpan? Lifetime { get; init; }

    /// <summary>Multipart parts by part number, with the etag each was answered with.</summary>
    public ConcurrentDictionary<int, (byte[] Bytes, string ETag)> Parts { get; } = new();
}
