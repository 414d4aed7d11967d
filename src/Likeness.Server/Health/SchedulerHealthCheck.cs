using Microsoft.Extensions.Diagnostics.HealthChecks;
using Quartz;

namespace Likeness.Server.Health;

/// <summary>Healthy while this node's job scheduler runs; unhealthy when it is not started or shut down.</summary>
internal sealed class SchedulerHealthCheck(ISchedulerFactory schedulers) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            IScheduler scheduler = await schedulers.GetScheduler(cancellationToken).ConfigureAwait(false);
            SchedulerMetadata meta = await scheduler.GetMetadata(cancellationToken).ConfigureAwait(false);
            return meta.Status == SchedulerStatus.Running
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The job scheduler is not running.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The job scheduler is not available.", ex);
        }
    }
}
