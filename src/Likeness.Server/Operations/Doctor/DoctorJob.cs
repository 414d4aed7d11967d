using Quartz;

namespace Likeness.Server.Operations.Doctor;

/// <summary>
/// The periodic doctor: one Quartz job for the whole cluster (<see cref="Scheduling.RecurringJobs"/>), never run on two
/// nodes at once. A failed run is logged and the next firing tries again.
/// </summary>
[DisallowConcurrentExecution]
internal sealed partial class DoctorJob(ServerDoctor doctor, ILogger<DoctorJob> logger) : IJob
{
    /// <summary>The job's name in the upkeep group.</summary>
    public const string Name = "doctor";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await doctor.RunAsync("periodic", cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Failed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The periodic doctor failed; the next firing tries again")]
    private static partial void Failed(ILogger logger, Exception exception);
}
