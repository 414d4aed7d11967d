using Microsoft.Extensions.Logging;
using Likeness.Core.Providers;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Likeness.Providers.Http;

/// <summary>
/// The outermost provider handler: turns what the retry pipeline gave up on into the failures callers
/// handle. A submission whose answer was lost becomes <see cref="RequestOutcomeUnknownException"/> (it was
/// not re-sent: it creates paid work); an attempt that ran out of time becomes a <see cref="TimeoutException"/>.
/// </summary>
public sealed class ProviderOutcomeHandler(string name, HttpPipelineOptions options, ILogger logger) : DelegatingHandler
{
    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (BrokenCircuitException ex)
        {
            // Refused here, before sending: nothing reached the provider.
            throw new ProviderUnavailableException(
                name, $"{request.Method.Method} {request.RequestUri?.AbsolutePath}: not sent, {name} is failing (its circuit is open after repeated 5xx, 429 or timeouts); a probe goes through after the break.", ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException && !cancellationToken.IsCancellationRequested)
        {
            string method = request.Method.Method, path = request.RequestUri?.AbsolutePath ?? "";
            string error = ex is TimeoutRejectedException ? $"no answer within {options.AttemptTimeout.TotalSeconds:0.#} s" : ex.Message;
            if (!RetryPolicy.IsRetriable(ex, ProviderRequest.KindOf(request)))
            {
                HttpLog.OutcomeUnknown(logger, name, method, path, error);
                throw new RequestOutcomeUnknownException(
                    $"{method} {path}: the request was sent but its answer was lost ({error}). It creates paid work, so it was not sent again.", ex);
            }

            if (ex is TimeoutRejectedException)
            {
                throw new TimeoutException($"{method} {path} took longer than {options.AttemptTimeout.TotalSeconds:0.#} s.", ex);
            }

            throw;
        }
    }
}
