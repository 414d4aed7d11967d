using Likeness.Server.Jobs.Scheduling;
using Likeness.Workspace.Jobs;

namespace Likeness.Server.Jobs.Studies;

/// <summary>The Quartz job that runs a study.</summary>
internal sealed class StudyStepJob(StudySteps steps, ILogger<StudyStepJob> logger) : StepJob(logger)
{
    protected override Task<JobRecord?> StepAsync(Guid id, CancellationToken cancellationToken) => steps.StepAsync(id, cancellationToken);
}
