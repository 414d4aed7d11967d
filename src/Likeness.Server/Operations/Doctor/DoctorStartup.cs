using Likeness.Server.Jobs.Scheduling;
using Likeness.Server.Operations.Scheduling;
using Microsoft.Extensions.Options;
using Quartz;

namespace Likeness.Server.Operations.Doctor;

/// <summary>
/// Runs the doctor once when the server starts, after the schema and before the job scheduler and the requests (what a
/// stopped process left is settled before anything new is taken), then puts the periodic doctor on the schedule. A
/// failed start-up run is logged, not fatal: the periodic run tries again, and a provider that is down must not keep
/// the server from serving.
/// </summary>
internal sealed partial class DoctorStartup(
    ServerDoctor doctor, ISchedulerFactory schedulers, IOptions<JobsOptions> options, TimeProvider time, ILogger<DoctorStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await doctor.RunAsync("start-up", cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Failed(logger, ex);
        }

        await RecurringJobs.ScheduleAsync<DoctorJob>(schedulers, DoctorJob.Name, options.Value.DoctorInterval, time, cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Error, Message = "The start-up doctor failed; the periodic doctor tries again")]
    private static partial void Failed(ILogger logger, Exception exception);
}
