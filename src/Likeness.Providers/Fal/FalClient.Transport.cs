using System.Net.Http.Headers;
using System.Text.Json;
using Likeness.Providers.Http;

namespace Likeness.Providers.Fal;

/// <summary>The client's transport: the handler stack, the key, and reading fal's answers.</summary>
public partial class FalClient
{
    /// <summary>
    /// Sends through the handler stack (the request carries its <paramref name="kind"/>), adding the key for fal's
    /// own hosts and mapping transport failures to <see cref="FalException"/>.
    /// </summary>
    internal async Task<HttpResponseMessage> SendAsync(
        Func<HttpRequestMessage> create, RequestKind kind, string what, CancellationToken cancellationToken, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        using HttpRequestMessage request = Authorize(create()).WithKind(kind);
        if (completion == HttpCompletionOption.ResponseHeadersRead)
        {
            request.WithStreamedResponse();
        }

        return await ProviderTransport.SendAsync(_transport!.Client, request, completion, what,
            (message, unknown, retriable, inner) => new FalException(message, retriable: retriable, outcomeUnknown: unknown, innerException: inner), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Turns a non-success answer into a <see cref="FalException"/>.</summary>
    internal static async Task<FalException> ErrorAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken) =>
        FalException.FromResponse((int)response.StatusCode, await ProviderTransport.ReadBodyAsync(response, cancellationToken).ConfigureAwait(false), RequestIdOf(response), ErrorTypeOf(response), what);

    /// <summary>Reads a JSON body.</summary>
    internal static Task<JsonElement> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken) => ProviderJson.ReadAsync(response, cancellationToken);

    /// <summary>A request with a JSON body.</summary>
    internal static HttpRequestMessage JsonRequest(HttpMethod method, Uri uri, byte[] body) => ProviderJson.Request(method, uri, body);

    private HttpRequestMessage Authorize(HttpRequestMessage request)
    {
        string target = request.RequestUri!.AbsoluteUri;
        // Presigned upload URLs, media URLs and the public signing keys (webhooks verify without a key) never get it.
        bool own = !target.Equals(Options.JwksUri.AbsoluteUri, StringComparison.OrdinalIgnoreCase)
            && new[] { Options.QueueUri, Options.SyncUri, Options.RestUri }.Any(u => target.StartsWith(u.AbsoluteUri, StringComparison.OrdinalIgnoreCase));
        if (own)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Key", Options.Key
                ?? throw new FalException($"No fal key is configured: set {FalClientOptions.KeyVariable} (id:secret from fal.ai/dashboard/keys)."));
        }

        request.Headers.UserAgent.ParseAdd("likeness-fal/1.0 (dotnet)");
        return request;
    }

    private static string? RequestIdOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues(RequestIdHeader, out var values) ? values.FirstOrDefault() : null;

    private static string? ErrorTypeOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Fal-Error-Type", out var values) ? values.FirstOrDefault() : null;
}
