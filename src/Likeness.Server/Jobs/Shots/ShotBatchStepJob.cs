using Likeness.Server.Jobs.Scheduling;
using Likeness.Workspace.Jobs;

namespace Likeness.Server.Jobs.Shots;

/// <summary>The Quartz job that runs a batch of shots.</summary>
internal sealed class ShotBatchStepJob(ShotBatchSteps steps, ILogger<ShotBatchStepJob> logger) : StepJob(logger)
{
    protected override Task<JobRecord?> StepAsync(Guid id, CancellationToken cancellationToken) => steps.StepAsync(id, cancellationToken);
}
