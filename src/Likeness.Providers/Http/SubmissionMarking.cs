using System.Net;
using Likeness.Core.Providers;
using Polly;

namespace Likeness.Providers.Http;

/// <summary>
/// The innermost strategy, around each attempt of a <see cref="RequestKind.Submission"/>. Before a submission that
/// creates paid work goes on the wire it awaits the caller's sending signal (<see cref="SubmissionWatch.SendingAsync"/>:
/// the caller records that the request may leave now); when that fails the request is not sent. After an attempt that
/// went out, it marks the caller's <see cref="SubmissionWatch"/> unless the answer proves the provider did not take it (a
/// 429, or a connection never made). Inside the breaker and the limits, so a call they refuse is neither signalled nor marked.
/// </summary>
internal sealed class SubmissionMarking : ResilienceStrategy<HttpResponseMessage>
{
    /// <summary>Polly's options for adding the strategy (it has no settings of its own).</summary>
    internal sealed class Options : ResilienceStrategyOptions
    {
        public Options() => Name = "submission-marking";
    }

    protected override async ValueTask<Outcome<HttpResponseMessage>> ExecuteCore<TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<HttpResponseMessage>>> callback, ResilienceContext context, TState state)
    {
        HttpRequestMessage? request = context.GetRequestMessage();
        if (ProviderRequest.CreatesPaidWork(request))
        {
            try
            {
                await SubmissionWatch.SendingAsync(context.CancellationToken).ConfigureAwait(context.ContinueOnCapturedContext);
            }
            catch (Exception ex)
            {
                // Not recorded, so not sent: the call fails before a byte of it leaves.
                return Outcome.FromException<HttpResponseMessage>(ex);
            }
        }

        Outcome<HttpResponseMessage> outcome = await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
        if (ProviderRequest.KindOf(request) == RequestKind.Submission && Reached(outcome))
        {
            SubmissionWatch.MarkReached();
        }

        return outcome;
    }

    private static bool Reached(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Result: { StatusCode: HttpStatusCode.TooManyRequests } } => false,
        { Exception: { } failure } => !RetryPolicy.NeverSent(failure),
        _ => true,
    };
}
