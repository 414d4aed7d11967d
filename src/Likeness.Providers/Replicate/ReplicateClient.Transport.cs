using System.Net.Http.Headers;
using System.Text.Json;
using Likeness.Providers.Http;

namespace Likeness.Providers.Replicate;

/// <summary>The client's transport: the handler stack, the token, and reading Replicate's answers.</summary>
public partial class ReplicateClient
{
    /// <summary>
    /// Sends through the handler stack (the request carries its <paramref name="kind"/>), adding the token for
    /// Replicate's API host only (output files on <c>replicate.delivery</c> never get it), and mapping transport
    /// failures to <see cref="ReplicateException"/>.
    /// </summary>
    internal async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> create, RequestKind kind, string what, CancellationToken cancellationToken)
    {
        using HttpRequestMessage request = Authorize(create()).WithKind(kind);
        return await ProviderTransport.SendAsync(Http, request, HttpCompletionOption.ResponseContentRead, what,
            (message, unknown, retriable, inner) => new ReplicateException(message, retriable: retriable, outcomeUnknown: unknown, innerException: inner), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Turns a non-success answer into a <see cref="ReplicateException"/>.</summary>
    internal static async Task<ReplicateException> ErrorAsync(HttpResponseMessage response, string what, string? id, CancellationToken cancellationToken)
    {
        string? body = await ProviderTransport.ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
        return ReplicateException.FromResponse((int)response.StatusCode, body, id, what);
    }

    /// <summary>Reads a JSON body.</summary>
    internal static Task<JsonElement> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken) => ProviderJson.ReadAsync(response, cancellationToken);

    private static HttpRequestMessage JsonRequest(HttpMethod method, Uri uri, byte[] body) => ProviderJson.Request(method, uri, body);

    private HttpRequestMessage Authorize(HttpRequestMessage request)
    {
        if (request.RequestUri!.AbsoluteUri.StartsWith(Options.ApiUri.AbsoluteUri, StringComparison.OrdinalIgnoreCase))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Options.Token
                ?? throw new ReplicateException($"No Replicate token is configured: set {ReplicateClientOptions.KeyVariable} (r8_… from replicate.com/account/api-tokens)."));
        }

        request.Headers.UserAgent.ParseAdd("likeness-replicate/1.0 (dotnet)");
        return request;
    }
}
