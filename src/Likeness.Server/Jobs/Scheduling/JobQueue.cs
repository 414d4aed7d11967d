using Likeness.Workspace.Jobs;
using Microsoft.Extensions.Options;
using Quartz;

namespace Likeness.Server.Jobs.Scheduling;

/// <summary>
/// Puts a job's steps on the clustered Quartz schedule: one durable Quartz job per job record (keyed by its id, never
/// run twice at once anywhere in the cluster), fired now and then every poll interval until its step says it is done.
/// Every Quartz job requests recovery, so a step cut off by a dead node runs again on another.
/// </summary>
internal sealed class JobQueue(ISchedulerFactory schedulers, IOptions<JobsOptions> options)
{
    /// <summary>The key of job record <paramref name="id"/>'s Quartz job.</summary>
    public static JobKey KeyOf(Guid id, JobKind kind) => new(id.ToString("N"), kind.ToString().ToLowerInvariant());

    /// <summary>Schedules <paramref name="job"/>'s steps with the Quartz job type that runs them.</summary>
    public async Task EnqueueAsync<TStep>(JobRecord job, CancellationToken cancellationToken)
        where TStep : IJob
    {
        ArgumentNullException.ThrowIfNull(job);
        JobKey key = KeyOf(job.Id, job.Kind);
        IJobDetail detail = JobBuilder.Create<TStep>().WithIdentity(key).RequestRecovery().StoreDurably(false)
            .UsingJobData(StepJob.RecordKey, job.Id.ToString()).Build();
        ITrigger trigger = TriggerBuilder.Create().WithIdentity(key.Name, key.Group).ForJob(key).StartNow()
            .WithSimpleSchedule(s => s.WithInterval(options.Value.PollInterval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount))
            .Build();
        IScheduler scheduler = await schedulers.GetScheduler(cancellationToken).ConfigureAwait(false);
        await scheduler.ScheduleJob(detail, trigger, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Takes a finished job off the schedule.</summary>
    public async Task RemoveAsync(JobRecord job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        IScheduler scheduler = await schedulers.GetScheduler(cancellationToken).ConfigureAwait(false);
        await scheduler.DeleteJob(KeyOf(job.Id, job.Kind), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs the job's next step as soon as a node is free (a webhook said its provider has news).</summary>
    public async Task NudgeAsync(JobRecord job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        IScheduler scheduler = await schedulers.GetScheduler(cancellationToken).ConfigureAwait(false);
        JobKey key = KeyOf(job.Id, job.Kind);
        if (await scheduler.Exists(key, cancellationToken).ConfigureAwait(false))
        {
            await scheduler.TriggerJob(key, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }
}
