namespace Likeness.Core.Providers;

/// <summary>
/// Whether a paid submission reached a provider during one call: the caller begins a watch around the call, and the
/// transport (the provider HTTP handlers) marks it when a request that creates paid work is sent and not refused
/// outright (a 429, or a connection never made). The watch flows with the call's execution context, so every provider
/// client marks it without knowing the caller. Fallback reads it: a call that reached the provider is never re-sent
/// elsewhere (<see cref="Routing.FallbackRule"/>).
/// </summary>
/// <remarks>
/// Beside the watch, the sending signal (<see cref="OnSending"/>, <see cref="SendingAsync"/>): the caller registers a
/// callback that the transport awaits right before a paid submission goes on the wire, so the caller can record,
/// durably, that the request may have left. Work before it (uploads to a provider's storage) is not a submission.
/// </remarks>
public sealed class SubmissionWatch
{
    private static readonly AsyncLocal<SubmissionWatch?> Current = new();
    private static readonly AsyncLocal<SendingSignal?> Sending = new();
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

    /// <summary>
    /// Registers <paramref name="sending"/> for the calls that follow in this execution context until the returned scope
    /// is disposed: it is awaited right before the first paid submission of the call is sent (by the HTTP transport, or
    /// where a provider without one, the simulator, "sends"), once however many attempts or submissions follow. When it
    /// throws, nothing is sent and the call fails with its exception.
    /// </summary>
    public static IDisposable OnSending(Func<CancellationToken, Task> sending)
    {
        ArgumentNullException.ThrowIfNull(sending);
        var scope = new SendingScope(Sending.Value);
        Sending.Value = new SendingSignal(sending);
        return scope;
    }

    /// <summary>
    /// Right before a paid submission is sent: awaits the callback registered with <see cref="OnSending"/> (the first time
    /// only; a callback that failed is tried again), or nothing when none is registered.
    /// </summary>
    public static Task SendingAsync(CancellationToken cancellationToken) =>
        Sending.Value is { } signal ? signal.FireAsync(cancellationToken) : Task.CompletedTask;

    /// <summary>One registration: its callback runs once for the whole call.</summary>
    private sealed class SendingSignal(Func<CancellationToken, Task> sending)
    {
        private readonly Lock _gate = new();
        private Task? _recorded;

        public Task FireAsync(CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                if (_recorded is null || _recorded.IsFaulted || _recorded.IsCanceled)
                {
                    _recorded = sending(cancellationToken);
                }

                return _recorded;
            }
        }
    }

    /// <summary>Puts back the registration that was in force before (none, or an outer call's).</summary>
    private sealed class SendingScope(SendingSignal? previous) : IDisposable
    {
        public void Dispose() => Sending.Value = previous;
    }
}
