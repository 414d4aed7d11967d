using System.Runtime.CompilerServices;
using Likeness.Core.Assets;

namespace Likeness.Workspace.Assets;

/// <summary>
/// Assets as files named by their SHA-256 under <c>root/ab/cd/abcd…</c>. A write streams to a temporary file
/// while hashing, flushes it to disk, then renames it into place: readers never see a partial file, and a
/// crash leaves at most a temporary file, swept on the next start.
/// </summary>
public sealed class DiskAssetStore : IAssetStore
{
    private readonly string _root;
    private readonly string _temp;

    /// <summary>Opens (creating if needed) the store at <paramref name="root"/>, removing leftovers of interrupted writes.</summary>
    public DiskAssetStore(string root)
    {
        _root = Path.GetFullPath(root);
        _temp = Path.Combine(_root, "tmp");
        Directory.CreateDirectory(_temp);
        foreach (string leftover in Directory.EnumerateFiles(_temp))
        {
            File.Delete(leftover);
        }
    }

    /// <inheritdoc />
    public async Task<AssetRef> PutAsync(Stream content, string contentType, CancellationToken cancellationToken = default)
    {
        using HashedSpool spool = await HashedSpool.WriteAsync(content, _temp, cancellationToken).ConfigureAwait(false);
        string final = PathOf(spool.Sha256);
        if (!File.Exists(final))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(final)!);
            File.Move(spool.Path, final, overwrite: true);
        }

        return new AssetRef(spool.Sha256, spool.Size, contentType);
    }

    /// <inheritdoc />
    public Task<Stream> OpenReadAsync(string sha256, CancellationToken cancellationToken = default)
    {
        string path = PathOf(AssetStoreExtensions.ValidateSha256(sha256));
        return File.Exists(path)
            ? Task.FromResult<Stream>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true))
            : throw new FileNotFoundException($"Asset {sha256} is not in the store at {_root}.", path);
    }

    /// <inheritdoc />
    public Task<bool> ExistsAsync(string sha256, CancellationToken cancellationToken = default) =>
        Task.FromResult(File.Exists(PathOf(AssetStoreExtensions.ValidateSha256(sha256))));

    /// <inheritdoc />
    public string Locate(string sha256) => PathOf(AssetStoreExtensions.ValidateSha256(sha256));

    /// <inheritdoc />
    public Task DeleteAsync(string sha256, CancellationToken cancellationToken = default)
    {
        File.Delete(PathOf(AssetStoreExtensions.ValidateSha256(sha256)));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<StoredAsset> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask.ConfigureAwait(false);

        // Only files at their own address count: the temporary folder and anything else a person put here are not assets.
        foreach (string path in Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            string name = Path.GetFileName(path);
            if (IsSha256(name) && string.Equals(path, PathOf(name), StringComparison.Ordinal))
            {
                var info = new FileInfo(path);
                yield return new StoredAsset(name, info.Length, info.LastWriteTimeUtc);
            }
        }
    }

    private static bool IsSha256(string name) => name.Length == 64 && name.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    private string PathOf(string sha256) => Path.Combine(_root, sha256[..2], sha256[2..4], sha256);
}
