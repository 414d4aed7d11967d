using Likeness.Server.Jobs.Scheduling;
using Likeness.Workspace.Jobs;

namespace Likeness.Server.Jobs.Training;

/// <summary>The Quartz job that runs a training job's steps.</summary>
internal sealed class TrainingStepJob(TrainingSteps steps, ILogger<TrainingStepJob> logger) : StepJob(logger)
{
    protected override Task<JobRecord?> StepAsync(Guid id, CancellationToken cancellationToken) => steps.StepAsync(id, cancellationToken);
}
