using System.Net;
using Polly;

namespace Likeness.Providers.Http;

/// <summary>Runs each attempt through a <see cref="RequestPacer"/>: waits for a permit first, and reports a 429 after.</summary>
internal sealed class PacingStrategy(RequestPacer pacer) : ResilienceStrategy<HttpResponseMessage>
{
    /// <summary>Polly's options for adding the strategy (it has no settings of its own).</summary>
    internal sealed class Options : ResilienceStrategyOptions
    {
        public Options() => Name = "pacing";
    }

    protected override async ValueTask<Outcome<HttpResponseMessage>> ExecuteCore<TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<HttpResponseMessage>>> callback, ResilienceContext context, TState state)
    {
        try
        {
            await pacer.WaitAsync(context.CancellationToken).ConfigureAwait(context.ContinueOnCapturedContext);
        }
        catch (OperationCanceledException ex)
        {
            return Outcome.FromException<HttpResponseMessage>(ex);
        }

        Outcome<HttpResponseMessage> outcome = await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
        if (outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests })
        {
            pacer.Refused();
        }

        return outcome;
    }
}
