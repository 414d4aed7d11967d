using Likeness.Server.Jobs.Scheduling;
using Likeness.Workspace.Jobs;

namespace Likeness.Server.Jobs.Videos;

/// <summary>The Quartz job that makes a video.</summary>
internal sealed class VideoStepJob(VideoSteps steps, ILogger<VideoStepJob> logger) : StepJob(logger)
{
    protected override Task<JobRecord?> StepAsync(Guid id, CancellationToken cancellationToken) => steps.StepAsync(id, cancellationToken);
}
