namespace Likeness.Core.Providers;

/// <summary>
/// A training that ended without a result at the provider: it failed or was cancelled there. Thrown by
/// <see cref="TrainingOperation.WaitForCompletionAsync"/>, as Azure's operations throw on failure.
/// </summary>
public sealed class TrainingFailedException(string provider, string jobId, TrainingStatus status, string? reason)
    : ProviderException(provider, $"Training {jobId} {(status == TrainingStatus.Cancelled ? "was cancelled" : "failed")} at {provider}{(string.IsNullOrWhiteSpace(reason) ? "" : $": {reason.TrimEnd('.')}")}.")
{
    /// <summary>The provider's job id.</summary>
    public string JobId { get; } = jobId;

    /// <summary>How it ended: <see cref="TrainingStatus.Failed"/> or <see cref="TrainingStatus.Cancelled"/>.</summary>
    public TrainingStatus TrainingStatus { get; } = status;

    /// <summary>The provider's reason, when it gave one.</summary>
    public string? Reason { get; } = reason;
}
