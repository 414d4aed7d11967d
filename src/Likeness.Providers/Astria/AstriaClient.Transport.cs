using System.Net.Http.Headers;
using System.Text.Json;
using Likeness.Providers.Http;

namespace Likeness.Providers.Astria;

/// <summary>The client's transport: the handler stack, the key, and reading Astria's answers.</summary>
public partial class AstriaClient
{
    /// <summary>
    /// Sends through the handler stack (the request carries its <paramref name="kind"/>), adding the key for the API
    /// host only and mapping transport failures to <see cref="AstriaException"/>.
    /// </summary>
    internal async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> create, RequestKind kind, string what, CancellationToken cancellationToken)
    {
        using HttpRequestMessage request = Authorize(create()).WithKind(kind);
        return await ProviderTransport.SendAsync(_transport!.Client, request, HttpCompletionOption.ResponseContentRead, what,
            (message, unknown, retriable, inner) => new AstriaException(message, retriable: retriable, outcomeUnknown: unknown, innerException: inner), cancellationToken).ConfigureAwait(false);
    }

    private async Task<JsonElement> GetJsonAsync(string path, string what, CancellationToken cancellationToken)
    {
        var uri = new Uri(Options.BaseUri, path);
        using HttpResponseMessage response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, uri), RequestKind.Idempotent, what, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await ErrorAsync(response, what, cancellationToken).ConfigureAwait(false);
        }

        return await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<AstriaException> ErrorAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        string? body = await ProviderTransport.ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);

        return AstriaException.FromResponse((int)response.StatusCode, body, what);
    }

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using Stream stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using JsonDocument doc = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        return doc.RootElement.Clone();
    }

    private static HttpRequestMessage JsonRequest(HttpMethod method, Uri uri, byte[] body) => new(method, uri)
    {
        Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
    };

    private HttpRequestMessage Authorize(HttpRequestMessage request)
    {
        // Image URLs on other hosts (Astria's CDN, S3) never get the key.
        if (request.RequestUri!.AbsoluteUri.StartsWith(Options.BaseUri.AbsoluteUri, StringComparison.OrdinalIgnoreCase))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Options.Key
                ?? throw new AstriaException($"No Astria key is configured: set {AstriaClientOptions.KeyVariable} (the sd_… key from https://www.astria.ai/users/edit#api)."));
        }

        request.Headers.UserAgent.ParseAdd("likeness-astria/1.0 (dotnet)");
        return request;
    }
}
