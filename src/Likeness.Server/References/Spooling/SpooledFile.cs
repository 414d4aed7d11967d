using System.IO.MemoryMappedFiles;

namespace Likeness.Server.References.Spooling;

/// <summary>
/// An uploaded file part written to a temporary file as it streams in, then mapped read-only: the reference checks
/// decode it and the asset store copies it from the mapping, so the request never holds the file on the managed heap
/// (only what the checks decode). Disposing unmaps the file and deletes it; nothing is stored from here unless the
/// checks pass. The files go under the home (<see cref="FolderUnder"/>), on its disk, not a temporary folder that may
/// be memory (tmpfs).
/// </summary>
internal sealed class SpooledFile : IDisposable
{
    private readonly FileStream _file;
    private readonly MemoryMappedFile? _mapping;
    private readonly MappedBytes? _bytes;

    private SpooledFile(FileStream file, MemoryMappedFile? mapping, MappedBytes? bytes)
    {
        _file = file;
        _mapping = mapping;
        _bytes = bytes;
    }

    /// <summary>The file's bytes (empty for an empty part); valid until this is disposed.</summary>
    public ReadOnlyMemory<byte> Bytes => _bytes?.Memory ?? ReadOnlyMemory<byte>.Empty;

    /// <summary>The folder uploads are spooled to under <paramref name="home"/>.</summary>
    public static string FolderUnder(string home) => Path.Combine(home, "work", "uploads");

    /// <summary>
    /// Copies <paramref name="content"/> to a new file in <paramref name="folder"/> (the request's body limit still applies
    /// as it streams) and maps it.
    /// </summary>
    public static async Task<SpooledFile> WriteAsync(Stream content, string folder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        Directory.CreateDirectory(folder);
        var file = new FileStream(
            Path.Combine(folder, Guid.NewGuid().ToString("N")), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        MemoryMappedFile? mapping = null;
        try
        {
            await content.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
            await file.FlushAsync(cancellationToken).ConfigureAwait(false);
            if (file.Length == 0)
            {
                // An empty file cannot be mapped; the checks refuse it as not an image.
                return new SpooledFile(file, null, null);
            }

            mapping = MemoryMappedFile.CreateFromFile(file, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: true);
            MemoryMappedViewAccessor view = mapping.CreateViewAccessor(0, file.Length, MemoryMappedFileAccess.Read);
            return new SpooledFile(file, mapping, new MappedBytes(view, checked((int)file.Length)));
        }
        catch
        {
            mapping?.Dispose();
            await file.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public void Dispose()
    {
        ((IDisposable?)_bytes)?.Dispose();
        _mapping?.Dispose();
        _file.Dispose();
    }
}
