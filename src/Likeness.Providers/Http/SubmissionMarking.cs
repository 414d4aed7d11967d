using System.Net;
using Likeness.Core.Providers;
using Polly;

namespace Likeness.Providers.Http;

/// <summary>
/// The innermost strategy: after each attempt of a <see cref="RequestKind.Submission"/> that went out on the wire,
/// marks the caller's <see cref="SubmissionWatch"/> unless the answer proves the provider did not take it (a 429, or a
/// connection never made). Inside the breaker and the limits, so a call they refuse is never marked.
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
        Outcome<HttpResponseMessage> outcome = await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
        if (ProviderRequest.KindOf(context.GetRequestMessage()) == RequestKind.Submission && Reached(outcome))
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
