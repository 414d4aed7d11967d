using Quartz;

namespace Likeness.Server.Operations.Retention;

/// <summary>The periodic purge: one Quartz job for the cluster, never run on two nodes at once; a failure waits for the next firing.</summary>
[DisallowConcurrentExecution]
internal sealed partial class RetentionJob(ServerRetention retention, ILogger<RetentionJob> logger) : IJob
{
    /// <summary>The job's name in the upkeep group.</summary>
    public const string Name = "retention";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await retention.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Failed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The retention purge failed; the next firing tries again")]
    private static partial void Failed(ILogger logger, Exception exception);
}
