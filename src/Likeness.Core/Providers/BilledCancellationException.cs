namespace Likeness.Core.Providers;

/// <summary>
/// The caller cancelled a call that the provider had already started and bills anyway (Replicate charges a cancelled
/// prediction for the GPU time it ran). For the caller it is a cancellation like any other; for the books it carries
/// the charge, so the ledger commits what the provider will bill instead of refunding it.
/// </summary>
public sealed class BilledCancellationException(string message, decimal chargedUsd, string providerJobId, CancellationToken cancellationToken)
    : OperationCanceledException(message, null, cancellationToken)
{
    /// <summary>What the provider bills for the part that ran, in US dollars.</summary>
    public decimal ChargedUsd { get; } = chargedUsd;

    /// <summary>The provider's id of the cancelled job.</summary>
    public string ProviderJobId { get; } = providerJobId;
}
