using System.Net.Http.Headers;
using System.Text.Json;

namespace Likeness.Providers.Http;

/// <summary>JSON on the wire, the same for every provider client: a request with a JSON body, and a body read whole.</summary>
internal static class ProviderJson
{
    /// <summary>A request with a JSON body.</summary>
    public static HttpRequestMessage Request(HttpMethod method, Uri uri, byte[] body) => new(method, uri)
    {
        Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
    };

    /// <summary>Reads a JSON body.</summary>
    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        await using Stream stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using JsonDocument doc = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        return doc.RootElement.Clone();
    }
}
