using Likeness.Server.Jobs.Scheduling;
using Likeness.Server.Jobs.Training;
using Likeness.Workspace.Identity;
using Likeness.Workspace.Jobs;

namespace Likeness.Server.Webhooks;

/// <summary>
/// What a provider's completion webhook does: the training it names takes its next step now, on this node, instead of
/// at its next poll: the same step polling takes, so both reach the same state. A training no job follows (started
/// from the CLI) is advanced directly.
/// </summary>
internal sealed class TrainingCompletion(IdentityManager identities, JobBook jobs, TrainingSteps steps, JobQueue queue)
{
    public async Task CompleteAsync(string provider, string providerJobId, CancellationToken cancellationToken)
    {
        if (await identities.FindByProviderJobAsync(provider, providerJobId, cancellationToken).ConfigureAwait(false) is not { } model)
        {
            // Not ours (or not recorded yet): the poll that follows the training will see its end.
            return;
        }

        if (await jobs.FindBySubjectAsync(model.Id, cancellationToken).ConfigureAwait(false) is not { } job)
        {
            _ = await identities.AdvanceAsync(model.Id, cancellationToken).ConfigureAwait(false);
            return;
        }

        JobRecord? now = await steps.StepAsync(job.Id, cancellationToken).ConfigureAwait(false);
        if (now is { IsFinal: true })
        {
            await queue.RemoveAsync(now, cancellationToken).ConfigureAwait(false);
        }
        else if (now is not null)
        {
            // A step was under way elsewhere (it holds the training's claim) and may have asked fal just before the end:
            // the job's next step runs as soon as that one is over, not at its next poll.
            await queue.NudgeAsync(now, cancellationToken).ConfigureAwait(false);
        }
    }
}
