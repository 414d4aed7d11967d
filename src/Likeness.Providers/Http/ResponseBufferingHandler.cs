namespace Likeness.Providers.Http;

/// <summary>
/// The innermost provider handler: reads each answer's body into memory inside the attempt, so a connection
/// that drops or stalls after the headers is seen by the retry rules, the attempt timeout and the outcome
/// handler (a submission's lost answer is reported, never re-sent) instead of surfacing later in
/// <see cref="HttpClient"/>'s own read, outside every rule. Requests marked
/// <see cref="ProviderRequest.WithStreamedResponse"/> keep their body on the wire for the caller.
/// </summary>
public sealed class ResponseBufferingHandler : DelegatingHandler
{
    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (ProviderRequest.IsStreamed(request))
        {
            return response;
        }

        try
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }
}
