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
        try
        {
            using HttpRequestMessage request = Authorize(create()).WithKind(kind);
            return await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestOutcomeUnknownException ex)
        {
            throw new ReplicateException($"{what}: {ex.Message}", outcomeUnknown: true, innerException: ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException)
        {
            throw new ReplicateException($"{what} failed: {ex.Message}", retriable: true, innerException: ex);
        }
    }

    /// <summary>Turns a non-success answer into a <see cref="ReplicateException"/>.</summary>
    internal static async Task<ReplicateException> ErrorAsync(HttpResponseMessage response, string what, string? id, CancellationToken cancellationToken)
    {
        string? body;
        try
        {
            body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            body = null;
        }

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
