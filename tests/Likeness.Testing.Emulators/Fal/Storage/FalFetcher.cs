namespace Likeness.Testing.Emulators.Fal.Storage;

/// <summary>
/// Fetches the file URLs an app input names, as fal's runners do: <c>data:</c> URIs inline, the emulated CDN
/// from memory, any other http(s) URL over the network (without auth headers). Null when unreachable.
/// </summary>
internal sealed class FalFetcher(FalCdn cdn, HttpClient http)
{
    public async Task<byte[]?> FetchAsync(string? url, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(url))
        {
            return null;
        }

        if (url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            return DataUri.TryDecode(url);
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return null;
        }

        if (uri.GetLeftPart(UriPartial.Authority) == cdn.BaseUri.GetLeftPart(UriPartial.Authority))
        {
            return cdn.Resolve(uri)?.Bytes;
        }

        try
        {
            using HttpResponseMessage response = await http.GetAsync(uri, cancellationToken);
            return response.IsSuccessStatusCode ? await response.Content.ReadAsByteArrayAsync(cancellationToken) : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}
