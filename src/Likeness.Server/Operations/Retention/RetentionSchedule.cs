using Likeness.Server.Operations.Scheduling;
using Microsoft.Extensions.Options;
using Quartz;

namespace Likeness.Server.Operations.Retention;

/// <summary>Puts the retention purge on the schedule when <c>Likeness:Retention:Days</c> is set, and takes it off when it is not.</summary>
internal sealed class RetentionSchedule(ISchedulerFactory schedulers, IOptions<RetentionOptions> options, TimeProvider time) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Days is null)
        {
            await RecurringJobs.RemoveAsync(schedulers, RetentionJob.Name, cancellationToken).ConfigureAwait(false);
            return;
        }

        await RecurringJobs.ScheduleAsync<RetentionJob>(schedulers, RetentionJob.Name, options.Value.Interval, time, cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
