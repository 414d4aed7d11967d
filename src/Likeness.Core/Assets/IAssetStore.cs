using System.Buffers;
using System.Runtime.InteropServices;

namespace Likeness.Core.Assets;

/// <summary>A stored file, named by the SHA-256 of its content.</summary>
public sealed record AssetRef(string Sha256, long SizeBytes, string ContentType);

/// <summary>A stored file as the store lists it: its address, size and when it was written.</summary>
public sealed record StoredAsset(string Sha256, long SizeBytes, DateTimeOffset WrittenAt);

/// <summary>
/// Content-addressed storage for images, weights and reports. A write is all-or-nothing: a reader never sees
/// a partial file, and writing the same content twice stores it once.
/// </summary>
public interface IAssetStore
{
    /// <summary>Stores <paramref name="content"/> and returns its address.</summary>
    Task<AssetRef> PutAsync(Stream content, string contentType, CancellationToken cancellationToken = default);

    /// <summary>Opens a stored asset; throws <see cref="FileNotFoundException"/> when it is not there.</summary>
    Task<Stream> OpenReadAsync(string sha256, CancellationToken cancellationToken = default);

    /// <summary>Whether the asset is stored.</summary>
    Task<bool> ExistsAsync(string sha256, CancellationToken cancellationToken = default);

    /// <summary>Where the asset lives, for people: a file path or an s3:// URL.</summary>
    string Locate(string sha256);

    /// <summary>Removes a stored asset; removing one that is not there does nothing.</summary>
    Task DeleteAsync(string sha256, CancellationToken cancellationToken = default);

    /// <summary>Every stored asset (for the sweep of files no row references).</summary>
    IAsyncEnumerable<StoredAsset> ListAsync(CancellationToken cancellationToken = default);
}

/// <summary>Convenience methods over <see cref="IAssetStore"/>.</summary>
public static class AssetStoreExtensions
{
    /// <summary>Stores bytes, read where they are (an array, or other memory such as a mapped file): a large file is not copied first.</summary>
    public static async Task<AssetRef> PutAsync(this IAssetStore store, ReadOnlyMemory<byte> bytes, string contentType, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (MemoryMarshal.TryGetArray(bytes, out ArraySegment<byte> array))
        {
            using var stream = new MemoryStream(array.Array ?? [], array.Offset, array.Count, writable: false);
            return await store.PutAsync(stream, contentType, cancellationToken).ConfigureAwait(false);
        }

        // Pinned (a no-op for memory that does not move) while the store reads it.
        using MemoryHandle pin = bytes.Pin();
        using UnmanagedMemoryStream pinned = Over(pin, bytes.Length);
        return await store.PutAsync(pinned, contentType, cancellationToken).ConfigureAwait(false);
    }

    private static unsafe UnmanagedMemoryStream Over(MemoryHandle pin, int length) => new((byte*)pin.Pointer, length);

    /// <summary>Reads a whole asset.</summary>
    public static async Task<byte[]> ReadAllBytesAsync(this IAssetStore store, string sha256, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        await using Stream stream = await store.OpenReadAsync(sha256, cancellationToken).ConfigureAwait(false);
        using var memory = new MemoryStream();
        await stream.CopyToAsync(memory, cancellationToken).ConfigureAwait(false);
        return memory.ToArray();
    }

    /// <summary>Checks an asset id is a lower-case hex SHA-256, so it can be used safely as a file or key name.</summary>
    public static string ValidateSha256(string sha256)
    {
        if (sha256 is null || sha256.Length != 64 || !sha256.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f'))
        {
            throw new ArgumentException($"'{sha256}' is not a SHA-256 asset id.", nameof(sha256));
        }

        return sha256;
    }
}
