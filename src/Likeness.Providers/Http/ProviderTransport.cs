using Likeness.Core.Providers;

namespace Likeness.Providers.Http;

/// <summary>Builds a provider client's own exception for a failed send (one exception type per client).</summary>
/// <param name="message">What failed, with the cause.</param>
/// <param name="outcomeUnknown">A submission was sent and its answer lost: the provider may have it.</param>
/// <param name="retriable">The same request may succeed if sent again.</param>
/// <param name="inner">The transport's exception.</param>
public delegate ProviderException TransportFailure(string message, bool outcomeUnknown, bool retriable, Exception inner);

/// <summary>What every provider client does around a send: map the handler stack's failures to its own exception, and read error bodies that may be gone.</summary>
public static class ProviderTransport
{
    /// <summary>
    /// Sends <paramref name="request"/> through <paramref name="client"/> (a handler stack from <see cref="ProviderHttpHandlers"/>):
    /// an unknown submission outcome becomes <paramref name="fail"/>(outcomeUnknown: true), a connection error or timeout
    /// after the stack's retries becomes <paramref name="fail"/>(retriable: true).
    /// </summary>
    public static async Task<HttpResponseMessage> SendAsync(
        HttpClient client, HttpRequestMessage request, HttpCompletionOption completion, string what, TransportFailure fail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(fail);
        try
        {
            return await client.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestOutcomeUnknownException ex)
        {
            throw fail($"{what}: {ex.Message}", true, false, ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException)
        {
            throw fail($"{what} failed: {ex.Message}", false, true, ex);
        }
    }

    /// <summary>An error answer's body, or null when the connection dropped before it could be read.</summary>
    public static async Task<string?> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        try
        {
            return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
