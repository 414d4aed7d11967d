namespace Likeness.Core.Providers;

/// <summary>
/// A provider call failed. Carries what the provider said (status, error body) and whether retrying the same
/// request could succeed. Provider clients may derive their own type from it; callers catch this one. Its
/// <see cref="Kind"/> is <see cref="ErrorKind.ProviderRefused"/> for a client error (4xx but 408 and 429),
/// <see cref="ErrorKind.OutcomeUnknown"/> when a paid submission's answer was lost, else
/// <see cref="ErrorKind.ProviderFailed"/>.
/// </summary>
public class ProviderException : LikenessException
{
    /// <summary>Creates the exception.</summary>
    public ProviderException(
        string provider, string message, int? status = null, string? requestId = null, bool retriable = false, Exception? innerException = null, bool outcomeUnknown = false)
        : base(message, innerException)
    {
        Provider = provider;
        Status = status;
        RequestId = requestId;
        Retriable = retriable;
        OutcomeUnknown = outcomeUnknown;
    }

    /// <inheritdoc/>
    public override ErrorKind Kind => OutcomeUnknown ? ErrorKind.OutcomeUnknown
        : !Retriable && Status is >= 400 and < 500 and not 408 and not 429 ? ErrorKind.ProviderRefused
        : ErrorKind.ProviderFailed;

    /// <summary>The provider's name.</summary>
    public string Provider { get; }

    /// <summary>HTTP status, when there was one.</summary>
    public int? Status { get; }

    /// <summary>The provider's request id, when known.</summary>
    public string? RequestId { get; }

    /// <summary>Whether the same request may succeed if retried.</summary>
    public bool Retriable { get; }

    /// <summary>
    /// What the provider billed for the failed call (Replicate charges a prediction cancelled while running); 0 when
    /// nothing was charged. The ledger commits this instead of refunding.
    /// </summary>
    public decimal ChargedUsd { get; init; }
    /// <summary>
    /// Whether the failed request carried the API key (true unless the client says otherwise: a download from a file
    /// host carries none, so its 401 or 403 is about the link, not the key).
    /// </summary>
    public bool KeySent { get; init; } = true;

    /// <summary>
    /// True when the provider refused the API key this side sent (by default a 401 or 403 to a request that carried it:
    /// missing, wrong, rotated, revoked or without access): a problem of the key, not the provider's word on a request or
    /// a job, so a collect it stops is deferred and a batch stops sending until the key works. A client whose 401 or 403
    /// means something else overrides it.
    /// </summary>
    public virtual bool KeyRefused => KeySent && Status is 401 or 403;

    /// <summary>True when a submission was sent but its answer was lost: the provider may or may not be running (and billing) it.</summary>
    public bool OutcomeUnknown { get; }
}
