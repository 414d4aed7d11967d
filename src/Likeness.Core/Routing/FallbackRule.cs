using Likeness.Core.Providers;

namespace Likeness.Core.Routing;

/// <summary>
/// When a failed call may fall through to the next route entry without paying twice: only on a definite refusal.
/// The provider's circuit was open (nothing sent), or the call failed before any paid submission reached the provider
/// with an outage's signs: a 5xx or 429 answer, or a connection that could not be made. A submission that reached
/// the provider (its answer lost, a 5xx after it, the job failing later) is ambiguous or paid, and is never re-sent
/// elsewhere; neither is a client error (4xx), which the next provider would most likely refuse too.
/// </summary>
public static class FallbackRule
{
    /// <summary>
    /// Why <paramref name="failure"/> falls through, or null when it must not; <paramref name="submissionReached"/> says
    /// whether a paid submission reached the provider during the call (<see cref="SubmissionWatch"/>).
    /// </summary>
    public static string? SkipReason(ProviderException failure, bool submissionReached)
    {
        ArgumentNullException.ThrowIfNull(failure);
        if (failure.OutcomeUnknown || submissionReached || failure.ChargedUsd > 0)
        {
            return null;
        }

        return failure switch
        {
            ProviderUnavailableException => $"circuit open: {failure.Provider} is failing, not called",
            { Status: 429 } => "429 too many requests before acceptance",
            { Status: >= 500 and var s } => $"HTTP {s} before acceptance",
            { Status: null, Retriable: true } => $"unreachable before acceptance ({Shorten(failure.Message)})",
            _ => null,
        };
    }

    private static string Shorten(string message) => message.Length <= 120 ? message : string.Concat(message.AsSpan(0, 117), "...");
}
