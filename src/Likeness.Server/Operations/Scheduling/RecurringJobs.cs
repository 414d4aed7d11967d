using Quartz;

namespace Likeness.Server.Operations.Scheduling;

/// <summary>
/// Upkeep jobs (the doctor, retention) on the shared Quartz schedule: one Quartz job per kind, keyed by name, fired
/// every interval. Each node puts it there on start (replacing the trigger, so a changed interval applies); the
/// clustered store fires each firing on one node only, and the job types are <see cref="DisallowConcurrentExecutionAttribute"/>,
/// so two nodes never run one upkeep at once.
/// </summary>
internal static class RecurringJobs
{
    /// <summary>The Quartz group of upkeep jobs.</summary>
    public const string Group = "upkeep";

    /// <summary>Schedules <typeparamref name="TJob"/> as <paramref name="name"/>, first firing one <paramref name="interval"/> from now.</summary>
    public static async Task ScheduleAsync<TJob>(ISchedulerFactory schedulers, string name, TimeSpan interval, TimeProvider time, CancellationToken cancellationToken)
        where TJob : IJob
    {
        ArgumentNullException.ThrowIfNull(schedulers);
        ArgumentNullException.ThrowIfNull(time);
        var key = new JobKey(name, Group);
        IJobDetail detail = JobBuilder.Create<TJob>().WithIdentity(key).Build();
        ITrigger trigger = TriggerBuilder.Create().WithIdentity(name, Group).ForJob(key).StartAt(time.GetUtcNow() + interval)
            .WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount))
            .Build();
        IScheduler scheduler = await schedulers.GetScheduler(cancellationToken).ConfigureAwait(false);
        await scheduler.ScheduleJob(detail, trigger, ScheduleJobOptions.Replacing, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Takes upkeep job <paramref name="name"/> off the schedule (its setting was turned off); nothing when it is not there.</summary>
    public static async Task RemoveAsync(ISchedulerFactory schedulers, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schedulers);
        IScheduler scheduler = await schedulers.GetScheduler(cancellationToken).ConfigureAwait(false);
        await scheduler.DeleteJob(new JobKey(name, Group), cancellationToken).ConfigureAwait(false);
    }
}
