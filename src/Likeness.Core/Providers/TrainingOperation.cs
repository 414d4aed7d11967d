namespace Likeness.Core.Providers;

/// <summary>Where a training job is at the provider.</summary>
public enum TrainingStatus
{
    /// <summary>Waiting for a worker.</summary>
    Queued,

    /// <summary>Training.</summary>
    Running,

    /// <summary>Done; <see cref="TrainingOperation.Value"/> holds the result.</summary>
    Succeeded,

    /// <summary>Failed at the provider.</summary>
    Failed,

    /// <summary>Cancelled.</summary>
    Cancelled,
}

/// <summary>A progress report while training.</summary>
public sealed record TrainingProgress(TrainingStatus Status, double? Fraction, string? LastLog);

/// <summary>
/// A training job at a provider, in the shape of Azure's <c>Operation&lt;T&gt;</c>: poll with
/// <see cref="UpdateStatusAsync"/> or wait with <see cref="WaitForCompletionAsync"/>; store <see cref="Id"/>
/// and rebuild the operation with <see cref="IIdentityTrainer.ResumeTrainingAsync"/> after a restart.
/// </summary>
public abstract class TrainingOperation
{
    /// <summary>The provider's job id.</summary>
    public abstract string Id { get; }

    /// <summary>The provider's name.</summary>
    public abstract string Provider { get; }

    /// <summary>The last known status.</summary>
    public abstract TrainingStatus Status { get; }

    /// <summary>Fraction done, when the provider says.</summary>
    public abstract double? Progress { get; }

    /// <summary>The provider's log lines so far.</summary>
    public abstract IReadOnlyList<string> Logs { get; }

    /// <summary>Why it failed, when it did.</summary>
    public abstract string? FailureReason { get; }

    /// <summary>True once succeeded, failed or cancelled.</summary>
    public bool HasCompleted => Status is TrainingStatus.Succeeded or TrainingStatus.Failed or TrainingStatus.Cancelled;

    /// <summary>The trained identity; throws until the operation has succeeded.</summary>
    public TrainedIdentity Value => Status == TrainingStatus.Succeeded && Result is { } value
        ? value
        : throw new InvalidOperationException($"Training {Id} has no result: it is {Status.ToString().ToLowerInvariant()}{(FailureReason is null ? "" : $" ({FailureReason})")}.");

    /// <summary>
    /// What the provider billed for a job that ended without a result (a Replicate training cancelled while running is
    /// charged; one aborted before it started is not). The ledger commits it instead of refunding.
    /// </summary>
    public virtual decimal ChargedWithoutResultUsd => 0;

    /// <summary>Set by implementations when the job succeeds (with its files downloaded).</summary>
    protected abstract TrainedIdentity? Result { get; }

    /// <summary>Asks the provider once and updates the status (downloading the outputs on success).</summary>
    public abstract Task<TrainingStatus> UpdateStatusAsync(CancellationToken cancellationToken = default);

    /// <summary>Asks the provider to stop.</summary>
    public abstract Task CancelAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Polls until done, every <paramref name="pollInterval"/> (clamped to 1 s to 60 s), reporting progress, and
    /// returns <see cref="Value"/>. A training that failed or was cancelled at the provider throws
    /// <see cref="TrainingFailedException"/>; cancelling <paramref name="cancellationToken"/> only stops the
    /// waiting, so the job can be resumed from <see cref="Id"/>.
    /// </summary>
    public async Task<TrainedIdentity> WaitForCompletionAsync(
        TimeSpan pollInterval, TimeProvider time, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(time);
        TimeSpan delay = TimeSpan.FromTicks(Math.Clamp(pollInterval.Ticks, TimeSpan.TicksPerSecond, 60 * TimeSpan.TicksPerSecond));
        while (true)
        {
            TrainingStatus status = await UpdateStatusAsync(cancellationToken).ConfigureAwait(false);
            progress?.Report(new TrainingProgress(status, Progress, Logs.Count > 0 ? Logs[^1] : null));
            if (HasCompleted)
            {
                return status == TrainingStatus.Succeeded ? Value : throw new TrainingFailedException(Provider, Id, status, FailureReason);
            }

            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
        }
    }
}
