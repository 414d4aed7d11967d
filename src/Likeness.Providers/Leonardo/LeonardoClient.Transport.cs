using System.Net.Http.Headers;
using System.Text.Json;
using Likeness.Providers.Http;

namespace Likeness.Providers.Leonardo;

/// <summary>The client's transport: the handler stack, the key, and reading Leonardo's answers.</summary>
public partial class LeonardoClient
{
    /// <summary>
    /// Sends through the handler stack (the request carries its <paramref name="kind"/>), adding the key for
    /// Leonardo's API only (never for presigned storage or image hosts) and mapping transport failures.
    /// </summary>
    internal async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> create, RequestKind kind, string what, CancellationToken cancellationToken)
    {
        using HttpRequestMessage request = Authorize(create()).WithKind(kind);
        return await ProviderTransport.SendAsync(Http, request, HttpCompletionOption.ResponseContentRead, what,
            (message, unknown, retriable, inner) => new LeonardoException(message, retriable: retriable, outcomeUnknown: unknown, innerException: inner), cancellationToken).ConfigureAwait(false);
    }

    private static async Task<LeonardoException> ErrorAsync(HttpResponseMessage response, string what, string? generationId, CancellationToken cancellationToken)
    {
        string? body = await ProviderTransport.ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
        return LeonardoException.FromResponse((int)response.StatusCode, body, what, generationId);
    }

    private static Task<JsonElement> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken) => ProviderJson.ReadAsync(response, cancellationToken);

    private static HttpRequestMessage JsonRequest(HttpMethod method, Uri uri, byte[] body)
    {
        var request = new HttpRequestMessage(method, uri) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return request;
    }

    private HttpRequestMessage Authorize(HttpRequestMessage request)
    {
        if (request.RequestUri!.AbsoluteUri.StartsWith(Options.ApiUri.AbsoluteUri, StringComparison.OrdinalIgnoreCase))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Options.Key
                ?? throw new LeonardoException($"No Leonardo key is configured: set {LeonardoClientOptions.KeyVariable}."));
            request.Headers.Accept.ParseAdd("application/json");
        }

        request.Headers.UserAgent.ParseAdd("likeness-leonardo/1.0 (dotnet)");
        return request;
    }
}
