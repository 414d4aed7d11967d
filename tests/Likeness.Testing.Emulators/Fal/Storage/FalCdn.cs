using System.Collections.Concurrent;

namespace Likeness.Testing.Emulators.Fal.Storage;

/// <summary>The emulated <c>v3.fal.media</c>: uploaded files and result media, in memory, at <c>files/{token}/{name}</c>.</summary>
internal sealed class FalCdn(Uri cdnUri, FalEmulatorOptions options)
{
    private readonly ConcurrentDictionary<string, FalCdnFile> _files = new(StringComparer.Ordinal);

    public Uri BaseUri => cdnUri;

    /// <summary>Stores a file and returns its public URL.</summary>
    public Uri Put(FalCdnFile file)
    {
        string path = NewPath(file.FileName);
        _files[path] = file;
        return new Uri(cdnUri, path);
    }

    /// <summary>Reserves a URL for a file whose bytes arrive later (uploads).</summary>
    public static string NewPath(string fileName)
    {
        string safe = string.Concat(fileName.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_'));
        return $"files/{Guid.NewGuid():N}/{(safe.Length == 0 ? "file" : safe)}";
    }

    public void Store(string path, FalCdnFile file) => _files[path] = file;

    /// <summary>The file at <paramref name="path"/> (relative to the CDN), unless absent or expired.</summary>
    public FalCdnFile? Get(string path)
    {
        if (!_files.TryGetValue(path, out FalCdnFile? file))
        {
            return null;
        }

        TimeSpan? lifetime = file.Lifetime ?? (file.IsResultMedia ? options.MediaRetention : null);
        return lifetime is { } l && options.Time.GetUtcNow() - file.CreatedAt >= l ? null : file;
    }

    /// <summary>Whether <paramref name="path"/> held a file whose time on the CDN is over.</summary>
    public bool Expired(string path) => _files.ContainsKey(path) && Get(path) is null;

    /// <summary>The file an absolute URL names, when it points into this CDN.</summary>
    public FalCdnFile? Resolve(Uri url)
    {
        string full = url.GetLeftPart(UriPartial.Path);
        string root = cdnUri.GetLeftPart(UriPartial.Path);
        return full.StartsWith(root, StringComparison.Ordinal) ? Get(Uri.UnescapeDataString(full[root.Length..])) : null;
    }
}
