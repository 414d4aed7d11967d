namespace Likeness.Core.Providers;

/// <summary>
/// Whether a paid submission reached a provider during one call: the caller begins a watch around the call, and the
/// transport (the provider HTTP handlers) marks it when a request that creates paid work is sent and not refused
/// outright (a 429, or a connection never made). The watch flows with the call's execution context, so every provider
/// client marks it without knowing the caller. Fallback reads it: a call that reached the provider is never re-sent
/// elsewhere (<see cref="Routing.FallbackRule"/>).
/// </summary>
public sealed class SubmissionWatch
{
    private static readonly AsyncLocal<SubmissionWatch?> Current = new();
    private int _reached;

    private SubmissionWatch()
    {
    }

    /// <summary>Whether a paid submission reached the provider since the watch began.</summary>
    public bool Reached => Volatile.Read(ref _reached) == 1;

    /// <summary>Begins a watch for the calls that follow in this execution context (and what they start).</summary>
    public static SubmissionWatch Begin()
    {
        var watch = new SubmissionWatch();
        Current.Value = watch;
        return watch;
    }

    /// <summary>Marks the current watch, if any: a paid submission reached the provider.</summary>
    public static void MarkReached()
    {
        if (Current.Value is { } watch)
        {
            Volatile.Write(ref watch._reached, 1);
        }
    }
}
