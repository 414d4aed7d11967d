using System.Security.Cryptography;

namespace Likeness.Workspace.Assets;

/// <summary>
/// Content copied to a temporary file while its SHA-256 is computed, so a store learns the asset's address
/// before it writes anything visible. The file is deleted on dispose.
/// </summary>
internal sealed class HashedSpool : IDisposable
{
    private HashedSpool(string path, string sha256, long size)
    {
        Path = path;
        Sha256 = sha256;
        Size = size;
    }

    /// <summary>The temporary file.</summary>
    public string Path { get; }

    /// <summary>Lower-case hex SHA-256 of the content.</summary>
    public string Sha256 { get; }

    /// <summary>Bytes copied.</summary>
    public long Size { get; }

    /// <summary>Copies <paramref name="content"/> into a new file in <paramref name="folder"/>, flushed to disk.</summary>
    public static async Task<HashedSpool> WriteAsync(Stream content, string folder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        string path = System.IO.Path.Combine(folder, "likeness-" + Guid.NewGuid().ToString("N"));
        try
        {
            long size = 0;
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                byte[] buffer = new byte[1 << 16];
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    sha.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    size += read;
                }

                file.Flush(flushToDisk: true);
            }

            return new HashedSpool(path, Convert.ToHexStringLower(sha.GetHashAndReset()), size);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    /// <summary>Deletes the file (a no-op once it has been moved into a store).</summary>
    public void Dispose() => File.Delete(Path);
}
