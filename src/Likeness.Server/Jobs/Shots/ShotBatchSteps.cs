using System.Globalization;
using Likeness.Core;
using Likeness.Core.Characters;
using Likeness.Core.Identity;
using Likeness.Core.Shots;
using Likeness.Server.Jobs.Api;
using Likeness.Server.Jobs.Scheduling;
using Likeness.Workspace.Characters;
using Likeness.Workspace.Identity;
using Likeness.Workspace.Jobs;
using Likeness.Workspace.Shots;

namespace Likeness.Server.Jobs.Shots;

/// <summary>
/// A batch of shots, one paid call after another through the shot runner (cache, claim, reservation, provider, storage,
/// scores), each recorded on the job as it is made. The job remembers only how many it has: a firing repeated after a
/// crash or on another node asks the runner again for the shot it was making, whose claim (keyed by the request, or by
/// the job and index when the cache is off) returns the shot already made or collects the call already sent, never
/// paying for it twice. A collect the provider cannot answer now (a passing failure of its status endpoint) or whose
/// key it refuses ends the step, not the job: the job says why it waits and the next firing collects it. A key refused
/// for a fresh submission ends the job: every next shot would be refused too.
/// </summary>
internal sealed class ShotBatchSteps(JobBook jobs, CharacterCatalog characters, IdentityManager identities, ShotRunner shots, JobPayer payers)
{
    public async Task<JobRecord?> StepAsync(Guid id, CancellationToken cancellationToken)
    {
        JobRecord? job = await jobs.FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (job is null || job.IsFinal)
        {
            return job;
        }

        ShotBatchInput input = JobInputs.Read<ShotBatchInput>(job);
        try
        {
            Character character = await characters.GetAsync(input.CharacterId.ToString(), cancellationToken).ConfigureAwait(false);
            IdentityModel identity = await identities.GetAsync(character.Id, input.IdentityId, cancellationToken).ConfigureAwait(false);
            while (job.ResultIds.Count < input.Count)
            {
                if (job.CancelRequested)
                {
                    return await jobs.UpdateAsync(id, j => (j.Status, j.Message) = (JobStatus.Cancelled, $"cancelled after {j.ResultIds.Count} of {input.Count} shots"), cancellationToken).ConfigureAwait(false);
                }

                int index = job.ResultIds.Count;
                if (job.Status == JobStatus.Queued)
                {
                    job = await jobs.UpdateAsync(id, j => (j.Status, j.Message) = (JobStatus.Running, $"making shot 1 of {input.Count} at {identity.Provider}"), cancellationToken).ConfigureAwait(false);
                }

                string? attempt = input.UseCache ? null : $"{id:N}:{index.ToString(CultureInfo.InvariantCulture)}";
                ShotOutcome outcome = await shots.GenerateAsync(character, identity, input.Requests[index], input.UseCache, payers.Of(job), attempt, cancellationToken).ConfigureAwait(false);
                if (JobOutcomes.KeyRefused(outcome.Failure))
                {
                    // The provider refused the key for a fresh submission (its shot failed, nothing paid): every next shot
                    // would be refused too, so the job ends here, saying why.
                    return await jobs.UpdateAsync(id, j => Stop(j, input.Count, outcome.Failure!), cancellationToken).ConfigureAwait(false);
                }

                job = await jobs.UpdateAsync(id, j => Record(j, input.Count, index, outcome.Shot), cancellationToken).ConfigureAwait(false);
            }

            return job.IsFinal ? job : await jobs.UpdateAsync(id, j => Finish(j, input.Count), cancellationToken).ConfigureAwait(false);
        }
        catch (LikenessException ex) when (JobOutcomes.Waiting(ex) is { } waiting)
        {
            // A collect stopped with its claim kept (the provider cannot be asked now, or refused the key): the job runs
            // on, says why it waits, and the next firing collects the shot.
            return await jobs.UpdateAsync(id, j => j.Message = waiting, cancellationToken).ConfigureAwait(false);
        }
        catch (LikenessException ex)
        {
            // Refused (the budget, the member's credits or daily quota, a provider's limits, a deleted character): the shots
            // made so far stay listed and charged, the rest are not made, and the job says why.
            return await jobs.UpdateAsync(id, j => Stop(j, input.Count, ex), cancellationToken).ConfigureAwait(false);
        }
    }

    private static void Stop(JobRecord job, int count, LikenessException error)
    {
        JobOutcomes.Fail(job, error);
        job.Message = $"{job.ResultIds.Count} of {count} shots made; the rest were not: {error.Message}";
    }

    private static void Record(JobRecord job, int count, int index, Shot shot)
    {
        // Another firing recorded it first (a node taken for dead that was only slow): nothing to add.
        if (job.ResultIds.Count != index || job.ResultIds.Contains(shot.Id))
        {
            return;
        }

        job.ResultIds.Add(shot.Id);
        job.CostUsd += shot.CostUsd;
        job.Percent = Math.Round(100.0 * job.ResultIds.Count / count, 1);
        job.Message = $"shot {job.ResultIds.Count} of {count}: {shot.Status.ToString().ToLowerInvariant()}";
    }

    private static void Finish(JobRecord job, int count)
    {
        job.Status = JobStatus.Succeeded;
        job.Percent = 100;
        job.Message = $"{count} shots made";
    }
}
