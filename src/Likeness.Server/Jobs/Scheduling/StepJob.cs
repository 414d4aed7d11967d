using Likeness.Workspace.Jobs;
using Quartz;

namespace Likeness.Server.Jobs.Scheduling;

/// <summary>
/// One Quartz firing of a job record's step: runs the step and, once the record is final, takes the job off the
/// schedule. Quartz never runs two firings of one job at once, on any node.
/// </summary>
[DisallowConcurrentExecution]
internal abstract partial class StepJob(ILogger logger) : IJob
{
    /// <summary>The job data entry that names the record.</summary>
    public const string RecordKey = "record";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var id = Guid.Parse(context.MergedJobDataMap.GetString(RecordKey)!);
        JobRecord? job;
        try
        {
            job = await StepAsync(id, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A step that fails unexpectedly is tried again at the next firing (a provider or database hiccup).
            StepFailed(logger, id, ex);
            return;
        }

        if (job is null || job.IsFinal)
        {
            await context.Scheduler.DeleteJob(context.JobDetail.Key, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Advances job record <paramref name="id"/> by one step; returns it as it now is (null when it is gone).</summary>
    protected abstract Task<JobRecord?> StepAsync(Guid id, CancellationToken cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A step of job {JobId} failed; it is tried again at the next firing")]
    private static partial void StepFailed(ILogger logger, Guid jobId, Exception exception);
}
