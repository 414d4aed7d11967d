using Likeness.Core;
using Likeness.Core.Characters;
using Likeness.Core.Identity;
using Likeness.Core.Providers;
using Likeness.Server.Jobs.Api;
using Likeness.Server.Jobs.Scheduling;
using Likeness.Workspace.Characters;
using Likeness.Workspace.Identity;
using Likeness.Workspace.Identity.Validation;
using Likeness.Workspace.Jobs;

namespace Likeness.Server.Jobs.Training;

/// <summary>
/// A training job, one step at a time: the first step starts the training (the provider job id recorded through the
/// identity's claim before anything else), each later step asks the provider once and records what it said. A step
/// repeated after a crash or on another node starts nothing twice: the identity's claim leads it to the recorded job.
/// Polling (Quartz) and webhooks both call <see cref="StepAsync"/>, so both reach the same transition. The step that
/// finds a trained identity ready validates it (<see cref="IdentityValidator"/>) before the job succeeds.
/// </summary>
internal sealed class TrainingSteps(JobBook jobs, IdentityManager identities, CharacterCatalog characters, IdentityValidator validator, JobPayer payers)
{
    public async Task<JobRecord?> StepAsync(Guid id, CancellationToken cancellationToken)
    {
        JobRecord? job = await jobs.FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (job is null || job.IsFinal)
        {
            return job;
        }

        if (job.SubjectId is not { } modelId)
        {
            if (job.CancelRequested)
            {
                return await jobs.UpdateAsync(id, j => (j.Status, j.Message) = (JobStatus.Cancelled, "cancelled before it started"), cancellationToken).ConfigureAwait(false);
            }

            TrainingJobInput input = JobInputs.Read<TrainingJobInput>(job);
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
                model = await validator.ValidateAsync(model.Id, payer: payers.Of(job), cancellationToken: cancellationToken).ConfigureAwait(false);
                validation = IdentityValidationText.Summary(model.Validation!);
            }
            catch (LikenessException ex)
            {
                // The identity is ready either way; a character the gate cannot judge is reported, not failed.
                validation = $"not validated: {ex.Message}";
            }
        }

        return await jobs.UpdateAsync(id, j =>
        {
            Record(j, model, progress);
            j.Message = validation is null ? j.Message : $"{j.Message}; {validation}";
        }, cancellationToken).ConfigureAwait(false);
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
