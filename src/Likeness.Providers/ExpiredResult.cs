namespace Likeness.Providers;

/// <summary>
/// A provider's result that is gone before it was collected, for a call it ran and billed (fal's expired results and
/// media, Leonardo's images that its host no longer serves): the provider's verdict, thrown as a final error with the
/// price as <see cref="Core.Providers.ProviderException.ChargedUsd"/>, so the shot is charged, failed and never sent
/// (and paid) again. Every provider says it with the same words.
/// </summary>
internal static class ExpiredResult
{
    /// <summary>The error's message: <paramref name="provider"/> ran <paramref name="call"/> ("request 42") and billed it; <paramref name="detail"/> is what it answered.</summary>
    public static string Message(string provider, string call, string detail) =>
        $"The provider's result expired before it was collected: {provider} ran {call} and billed it, so it is charged and not sent again ({detail})";
}
