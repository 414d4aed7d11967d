namespace Likeness.Workspace.Claims;

/// <summary>
/// The durable claim on one paid call, inserted under a unique key before any money is reserved or any request
/// sent. Every process on the database sees it: an identical request waits for it or reuses its result, a
/// re-run resumes it, and a claim whose owner stopped renewing its lease is taken over, from the provider job id
/// or held answer it recorded, never by sending the request again.
/// </summary>
public sealed class PaidClaim
{
    private PaidClaim()
    {
        Key = string.Empty;
        Provider = string.Empty;
        Owner = string.Empty;
    }

    /// <summary>Identifier.</summary>
    public Guid Id { get; private set; }

    /// <summary>The call's identity ("shot:CACHEKEY", ...): unique.</summary>
    public string Key { get; private set; }

    /// <summary>What it pays for.</summary>
    public ClaimKind Kind { get; private set; }

    /// <summary>The project paying.</summary>
    public Guid ProjectId { get; private set; }

    /// <summary>The provider called.</summary>
    public string Provider { get; private set; }

    /// <summary>Where the call stands.</summary>
    public ClaimState State { get; private set; }

    /// <summary>The shot, identity model or video row (set before anything is paid).</summary>
    public Guid? SubjectId { get; private set; }

    /// <summary>The ledger reservation (set in the transaction that reserves it).</summary>
    public Guid? ReservationId { get; private set; }

    /// <summary>The provider's job or request id, recorded as soon as it exists.</summary>
    public string? ProviderJobId { get; private set; }

    /// <summary>The provider's answer (JSON) between its arrival and its storage; cleared when done.</summary>
    public string? Output { get; private set; }

    /// <summary>The process holding it ("host/pid/random").</summary>
    public string Owner { get; private set; }

    /// <summary>Changes on every change of owner: updates match it, so an owner that lost the claim cannot write.</summary>
    public Guid Token { get; private set; }

    /// <summary>The owner's lease; renewed while it works.</summary>
    public DateTimeOffset LeaseUntil { get; private set; }

    /// <summary>How many owners have held it.</summary>
    public int Attempts { get; private set; }

    /// <summary>Why it failed, when it did.</summary>
    public string? Error { get; private set; }

    /// <summary>When it was first claimed.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When it last changed.</summary>
    public DateTimeOffset UpdatedAt { get; private set; }

    internal static PaidClaim Create(string key, ClaimKind kind, Guid projectId, string provider, string owner, DateTimeOffset now, TimeSpan lease) => new()
    {
        Id = Guid.CreateVersion7(now),
        Key = key,
        Kind = kind,
        ProjectId = projectId,
        Provider = provider,
        State = ClaimState.Working,
        Owner = owner,
        Token = Guid.NewGuid(),
        LeaseUntil = now + lease,
        Attempts = 1,
        CreatedAt = now,
        UpdatedAt = now,
    };
}
