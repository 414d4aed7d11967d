using Likeness.Core;
using Likeness.Core.Characters;
using Likeness.Core.Identity;
using Likeness.Core.Providers;
using Likeness.Server.Jobs.Api;
using Likeness.Server.Jobs.Scheduling;
using Likeness.Workspace.Characters;
using Likeness.Workspace.Identity;
using Likeness.Workspace.Identity.Retraining;
using Likeness.Workspace.Identity.Validation;
using Likeness.Workspace.Jobs;

namespace Likeness.Server.Jobs.Training;

/// <summary>
/// A training job, one step at a time: the first step starts the training (the provider job id recorded through the
/// identity's claim before anything else), each later step asks the provider once and records what it said. A step
/// repeated after a crash or on another node starts nothing twice: the identity's claim leads it to the recorded job.
/// Polling (Quartz) and webhooks both call <see cref="StepAsync"/>, so both reach the same transition. The step that
/// finds a trained identity ready validates it (<see cref="IdentityValidator"/>) before the job succeeds.
/// A job with a retrain budget (<see cref="TrainingJobInput.RetrainBudgetUsd"/>) whose version is validated
/// below the threshold goes on with the next attempt of the retrain ladder (<see cref="SteppedRetrain"/>): the step
/// starts it and follows it from then on as the job's subject, so an attempt is followed, validated and resumed after a
/// restart exactly as the first training is; the job ends when a version is validated, the ladder or the most attempts
/// end, or the budget cannot pay for the next attempt.
/// </summary>
internal sealed class TrainingSteps(
    JobBook jobs, IdentityManager identities, CharacterCatalog characters, IdentityValidator validator, SteppedRetrain retrains, JobPayer payers)
{
    public async Task<JobRecord?> StepAsync(Guid id, CancellationToken cancellationToken)
    {
        JobRecord? job = await jobs.FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (job is null || job.IsFinal)
        {
            return job;
        }

        TrainingJobInput input = JobInputs.Read<TrainingJobInput>(job);
        if (job.SubjectId is not { } modelId)
        {
            if (job.CancelRequested)
            {
                return await jobs.UpdateAsync(id, j => (j.Status, j.Message) = (JobStatus.Cancelled, "cancelled before it started"), cancellationToken).ConfigureAwait(false);
            }

            IdentityModel started;
            try
            {
                Character character = await characters.GetAsync(input.CharacterId.ToString(), cancellationToken).ConfigureAwait(false);
                await jobs.UpdateAsync(id, j => (j.Status, j.Message) = (JobStatus.Running, $"starting at {input.Provider}"), cancellationToken).ConfigureAwait(false);
                started = await identities.StartAsync(
                    character, input.Provider, new IdentityCreation { Kind = KindOf(input.Kind), Parameters = input.Parameters, Payer = payers.Of(job) }, cancellationToken).ConfigureAwait(false);
            }
            catch (LikenessException ex)
            {
                return await jobs.UpdateAsync(id, j => JobOutcomes.Fail(j, ex), cancellationToken).ConfigureAwait(false);
            }

            job = await jobs.UpdateAsync(id, j =>
            {
                j.SubjectId = started.Id;
                j.Message = started.ProviderJobId is { } jobId ? $"submitted to {started.Provider} (job {jobId})" : $"made at {started.Provider}";
            }, cancellationToken).ConfigureAwait(false);
            modelId = started.Id;
        }

        if (job.CancelRequested)
        {
            await identities.CancelAsync(modelId, cancellationToken).ConfigureAwait(false);
        }

        (IdentityModel model, TrainingProgress? progress) = await identities.AdvanceAsync(modelId, cancellationToken).ConfigureAwait(false);
        string? validation = null;
        if (model is { Status: IdentityModelStatus.Ready, Kind: IdentityModelKind.Trained, Validation: null })
        {
            try
            {
                model = await validator.ValidateAsync(model.Id, input.Validation, payers.Of(job), cancellationToken).ConfigureAwait(false);
                validation = IdentityValidationText.Summary(model.Validation!);
            }
            catch (LikenessException ex)
            {
                // The identity is ready either way; a character the gate cannot judge is reported, not failed.
                validation = $"not validated: {ex.Message}";
            }
        }

        if (input.Retrain(payers.Of(job)) is { } policy && input.RetrainCapId is { } cap)
        {
            return await RetrainAsync(job, model, progress, validation, policy, cap, cancellationToken).ConfigureAwait(false);
        }

        return await jobs.UpdateAsync(id, j =>
        {
            Record(j, model, progress);
            j.Message = validation is null ? j.Message : $"{j.Message}; {validation}";
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The step's end for a job that retrains: a version below the threshold starts the next attempt (the job follows it
    /// from now on); otherwise the step is recorded as any training's, naming the attempt, and a final job closes the
    /// retrain's cap with what its attempts cost.
    /// </summary>
    private async Task<JobRecord> RetrainAsync(
        JobRecord job, IdentityModel model, TrainingProgress? progress, string? validation, RetrainPolicy policy, Guid cap, CancellationToken cancellationToken)
    {
        IReadOnlyList<IdentityModel> chain = await retrains.ChainAsync(model, cancellationToken).ConfigureAwait(false);
        RetrainTurn? turn = null;
        if (!job.CancelRequested && model is { Status: IdentityModelStatus.Ready, Kind: IdentityModelKind.Trained, Validation.Outcome: IdentityValidationOutcome.BelowThreshold })
        {
            try
            {
                turn = await retrains.NextAsync(chain, cap, policy, cancellationToken).ConfigureAwait(false);
            }
            catch (LikenessException ex)
            {
                // Refused (the project's budget, the member's credits, a provider's limits): the versions made stay, the job fails with why.
                await retrains.CloseAsync(chain, cap, cancellationToken).ConfigureAwait(false);
                return await jobs.UpdateAsync(job.Id, j =>
                {
                    Made(j, chain);
                    JobOutcomes.Fail(j, ex);
                    j.Message = $"retrain attempt {chain.Count} was refused: {ex.Message}";
                }, cancellationToken).ConfigureAwait(false);
            }

            if (turn.Started is { } next)
            {
                string started = RetrainMessages.Started(turn, policy.MaxAttempts, model, next);
                return await jobs.UpdateAsync(job.Id, j =>
                {
                    Made(j, chain);
                    (j.SubjectId, j.Status, j.Percent, j.Message) = (next.Id, JobStatus.Running, 0d, started);
                }, cancellationToken).ConfigureAwait(false);
            }
        }

        string? ended = model.Status is IdentityModelStatus.Training
            ? null
            : RetrainMessages.Ended(chain, turn, policy.BudgetUsd, await retrains.InUseAsync(model, cancellationToken).ConfigureAwait(false));
        JobRecord recorded = await jobs.UpdateAsync(job.Id, j =>
        {
            Record(j, model, progress);
            if (chain.Count > 1 && model.Status == IdentityModelStatus.Training && progress is not null)
            {
                j.Message = RetrainMessages.Training(chain, policy.MaxAttempts) + j.Message;
            }

            j.Message = string.Join("; ", new[] { j.Message, validation, ended }.Where(m => m is not null));
            Made(j, chain);
        }, cancellationToken).ConfigureAwait(false);
        if (recorded.IsFinal)
        {
            await retrains.CloseAsync(chain, cap, cancellationToken).ConfigureAwait(false);
        }

        return recorded;
    }

    /// <summary>A retraining job's results: every version it made, in order, and what their trainings cost.</summary>
    private static void Made(JobRecord job, IReadOnlyList<IdentityModel> chain)
    {
        job.ResultIds = [.. chain.Select(m => m.Id)];
        job.CostUsd = chain.Sum(m => m.CostUsd);
    }

    private static void Record(JobRecord job, IdentityModel model, TrainingProgress? progress)
    {
        switch (model.Status)
        {
            case IdentityModelStatus.Ready:
                (job.Status, job.Percent, job.CostUsd, job.ResultIds, job.Message) = (JobStatus.Succeeded, 100, model.CostUsd, [model.Id], $"ready: {model.Provider} v{model.Version}");
                break;
            case IdentityModelStatus.Training:
                job.Status = JobStatus.Running;
                job.Percent = progress?.Fraction is { } fraction ? Math.Round(fraction * 100, 1) : job.Percent;
                job.Message = progress is null ? job.Message : progress.LastLog ?? progress.Status.ToString().ToLowerInvariant();
                break;
            default:
                job.CostUsd = model.CostUsd;
                job.ResultIds = [model.Id];
                if (job.CancelRequested)
                {
                    (job.Status, job.Message) = (JobStatus.Cancelled, "cancelled at the provider");
                }
                else
                {
                    JobOutcomes.Fail(job, new ProviderException(model.Provider, model.FailureReason ?? "The training failed."));
                }

                break;
        }
    }

    private static IdentityModelKind? KindOf(string? kind) => kind?.ToLowerInvariant() switch
    {
        null => null,
        "trained" => IdentityModelKind.Trained,
        "reference" => IdentityModelKind.Reference,
        _ => throw new InvalidInputException($"An identity is trained or reference, not {kind}.", "kind"),
    };
}
