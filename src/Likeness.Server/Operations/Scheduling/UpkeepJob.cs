using Quartz;

namespace Likeness.Server.Operations.Scheduling;

/// <summary>
/// An upkeep job (<see cref="RecurringJobs"/>): one Quartz job for the cluster, never run on two nodes at once (the
/// attribute is inherited). A failed run is logged and the next firing tries again.
/// </summary>
[DisallowConcurrentExecution]
internal abstract partial class UpkeepJob(ILogger logger) : IJob
{
    /// <summary>The job's name in the upkeep group (and in the log).</summary>
    protected abstract string JobName { get; }

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Failed(logger, JobName, ex);
        }
    }

    /// <summary>One run.</summary>
    protected abstract Task RunAsync(CancellationToken cancellationToken);

    [LoggerMessage(Level = LogLevel.Error, Message = "The periodic {Job} failed; the next firing tries again")]
    private static partial void Failed(ILogger logger, string job, Exception exception);
}
