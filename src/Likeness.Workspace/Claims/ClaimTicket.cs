namespace Likeness.Workspace.Claims;

/// <summary>
/// What <see cref="ClaimBook.AcquireAsync"/> gives: either a claim this process now holds (its lease renewed in
/// the background until disposed), or a settled one whose result to reuse. A held claim that was taken over
/// from a dead owner (<see cref="Resumed"/>) carries what that owner recorded: resume from it, never resubmit.
/// </summary>
public sealed class ClaimTicket : IAsyncDisposable
{
    private readonly CancellationTokenSource? _stop;
    private readonly Task _renewal;

    internal ClaimTicket(PaidClaim row, bool held, bool resumed, Func<ClaimTicket, CancellationToken, Task>? renew)
    {
        Id = row.Id;
        Key = row.Key;
        ProjectId = row.ProjectId;
        Provider = row.Provider;
        Token = row.Token;
        State = row.State;
        SubjectId = row.SubjectId;
        ReservationId = row.ReservationId;
        ProviderJobId = row.ProviderJobId;
        Output = row.Output;
        IsHeld = held;
        Resumed = resumed;
        if (held && renew is not null)
        {
            _stop = new CancellationTokenSource();
            _renewal = renew(this, _stop.Token);
        }
        else
        {
            _renewal = Task.CompletedTask;
        }
    }

    /// <summary>The claim row.</summary>
    public Guid Id { get; }

    /// <summary>The call's key.</summary>
    public string Key { get; }

    /// <summary>The project paying.</summary>
    public Guid ProjectId { get; }

    /// <summary>The provider.</summary>
    public string Provider { get; }

    /// <summary>True when this process holds the claim; false when it was already done (reuse <see cref="SubjectId"/>).</summary>
    public bool IsHeld { get; }

    /// <summary>True when the claim was taken over from an owner whose lease ran out: what it recorded must be resumed.</summary>
    public bool Resumed { get; }

    /// <summary>Where it stands, as far as this process knows.</summary>
    public ClaimState State { get; internal set; }

    /// <summary>The subject row.</summary>
    public Guid? SubjectId { get; internal set; }

    /// <summary>The reservation.</summary>
    public Guid? ReservationId { get; internal set; }

    /// <summary>The provider's job id.</summary>
    public string? ProviderJobId { get; internal set; }

    /// <summary>The provider's held answer (JSON), when <see cref="State"/> is <see cref="ClaimState.Answered"/>.</summary>
    public string? Output { get; internal set; }

    internal Guid Token { get; }

    /// <summary>Stops renewing the lease (the row keeps whatever was last recorded).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stop is null)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _renewal.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped on purpose.
        }

        _stop.Dispose();
    }
}
