using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Likeness.Inference.Clip;
using Likeness.Inference.Safetensors;

namespace Likeness.Inference.HuggingFace;

/// <summary>
/// Downloads a model folder (<c>config.json</c> + <c>model.safetensors</c>) of a Hugging Face repository at a pinned
/// revision from a hub (or anything serving the same URL layout). Sizes come from the hub's tree listing of that
/// immutable revision; each file is checked against the SHA-256 pinned for it when there is one, else against the
/// listing's hash (SHA-256 for LFS files, the git blob SHA-1 for small ones). Downloads resume from a <c>.part</c> file
/// with an HTTP Range request; a file whose hash does not match is deleted and nothing is installed. The model is then
/// loaded once (the check) to test every tensor before it replaces the installed one.
/// </summary>
/// <param name="http">The client to use (its timeout applies per request).</param>
/// <param name="endpoint">The hub, e.g. <c>https://huggingface.co</c>.</param>
/// <param name="repository">The repository, e.g. <c>facebook/dinov2-small</c>.</param>
/// <param name="revision">The pinned commit.</param>
/// <param name="pinnedSha256">SHA-256 (hex) per file name, for files whose hash is pinned in code.</param>
internal sealed class HubSnapshotFetcher(HttpClient http, Uri endpoint, string repository, string revision, IReadOnlyDictionary<string, string> pinnedSha256)
{
    // Relative URLs resolve under the endpoint's path only when it ends with a slash (e.g. a mirror at /hf/).
    private readonly Uri _endpoint = endpoint.AbsoluteUri.EndsWith('/') ? endpoint : new Uri(endpoint.AbsoluteUri + "/");

    /// <summary>The hub: <c>$HF_ENDPOINT</c> (Hugging Face's own variable) or https://huggingface.co.</summary>
    public static Uri DefaultEndpoint =>
        new(Environment.GetEnvironmentVariable("HF_ENDPOINT") is { Length: > 0 } value ? value : "https://huggingface.co");

    /// <summary>Downloads and checks the files, loads them with <paramref name="check"/> and installs them as <paramref name="target"/> under <paramref name="root"/>.</summary>
    public async Task<T> FetchAsync<T>(
        string root, string name, string target, Func<string, T> check, IProgress<ClipFetchProgress>? progress, CancellationToken cancellationToken)
    {
        Dictionary<string, RemoteFile> remote = await ListAsync(cancellationToken).ConfigureAwait(false);
        string downloads = Path.Combine(root, ".downloads", revision);
        Directory.CreateDirectory(downloads);
        foreach (string file in ModelFolders.Files)
        {
            RemoteFile expected = remote.TryGetValue(file, out RemoteFile? found)
                ? found
                : throw new InvalidModelException($"{repository}@{revision} has no {file}.");
            if (pinnedSha256.TryGetValue(file, out string? pinned))
            {
                expected = expected with { Hash = pinned, IsSha256 = true };
            }

            string part = Path.Combine(downloads, file + ".part");
            await DownloadAsync(file, expected, part, progress, cancellationToken).ConfigureAwait(false);
            await VerifyAsync(file, expected, part, cancellationToken).ConfigureAwait(false);
        }

        string staging = ModelFolders.StagingDirectory(root, name);
        try
        {
            foreach (string file in ModelFolders.Files)
            {
                File.Move(Path.Combine(downloads, file + ".part"), Path.Combine(staging, file));
            }

            T result = check(staging);
            ModelFolders.Install(staging, target);
            Directory.Delete(downloads, recursive: true);
            return result;
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    private async Task<Dictionary<string, RemoteFile>> ListAsync(CancellationToken cancellationToken)
    {
        Uri tree = new(_endpoint, $"api/models/{repository}/tree/{revision}");
        using HttpResponseMessage response = await http.GetAsync(tree, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        using JsonDocument listing = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        var files = new Dictionary<string, RemoteFile>(StringComparer.Ordinal);
        foreach (JsonElement entry in listing.RootElement.EnumerateArray())
        {
            if (entry.GetProperty("type").GetString() != "file")
            {
                continue;
            }

            string path = entry.GetProperty("path").GetString()!;
            files[path] = entry.TryGetProperty("lfs", out JsonElement lfs) && lfs.ValueKind == JsonValueKind.Object
                ? new RemoteFile(lfs.GetProperty("size").GetInt64(), lfs.GetProperty("oid").GetString()!, IsSha256: true)
                : new RemoteFile(entry.GetProperty("size").GetInt64(), entry.GetProperty("oid").GetString()!, IsSha256: false);
        }

        return files;
    }

    private async Task DownloadAsync(string file, RemoteFile expected, string part, IProgress<ClipFetchProgress>? progress, CancellationToken cancellationToken)
    {
        long have = File.Exists(part) ? new FileInfo(part).Length : 0;
        if (have > expected.Size)
        {
            File.Delete(part);
            have = 0;
        }

        if (have == expected.Size)
        {
            progress?.Report(new ClipFetchProgress(file, have, expected.Size));
            return;
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_endpoint, $"{repository}/resolve/{revision}/{file}"));
        if (have > 0)
        {
            request.Headers.Range = new RangeHeaderValue(have, null);
        }

        using HttpResponseMessage response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            File.Delete(part);
            await DownloadAsync(file, expected, part, progress, cancellationToken).ConfigureAwait(false);
            return;
        }

        response.EnsureSuccessStatusCode();
        bool resumed = response.StatusCode == HttpStatusCode.PartialContent;
        using var output = new FileStream(part, resumed ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        long received = resumed ? have : 0;
        using Stream input = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        byte[] buffer = new byte[1 << 16];
        int read;
        while ((read = await input.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            received += read;
            progress?.Report(new ClipFetchProgress(file, received, expected.Size));
        }
    }

    private static async Task VerifyAsync(string file, RemoteFile expected, string part, CancellationToken cancellationToken)
    {
        long size = new FileInfo(part).Length;
        string actual;
        using (var stream = new FileStream(part, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20))
        {
            actual = expected.IsSha256
                ? Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false))
                : await GitBlobSha1Async(stream, size, cancellationToken).ConfigureAwait(false);
        }

        if (size != expected.Size || !string.Equals(actual, expected.Hash, StringComparison.OrdinalIgnoreCase))
        {
            File.Delete(part);
            string kind = expected.IsSha256 ? "SHA-256" : "git blob SHA-1";
            throw new InvalidModelException(
                $"{file}: downloaded {size} bytes with {kind} {actual}, expected {expected.Size} bytes with {expected.Hash}; the download was deleted.", file);
        }
    }

    /// <summary>Git's object id of a blob: SHA-1 of <c>"blob {size}\0"</c> followed by the content.</summary>
    private static async Task<string> GitBlobSha1Async(Stream content, long size, CancellationToken cancellationToken)
    {
#pragma warning disable CA5350 // SHA-1 is what git names blobs by; it identifies the file, it does not protect it.
        using var sha1 = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
#pragma warning restore CA5350
        sha1.AppendData(System.Text.Encoding.ASCII.GetBytes($"blob {size}\0"));
        byte[] buffer = new byte[1 << 16];
        int read;
        while ((read = await content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            sha1.AppendData(buffer, 0, read);
        }

        return Convert.ToHexStringLower(sha1.GetHashAndReset());
    }

    private sealed record RemoteFile(long Size, string Hash, bool IsSha256);
}
