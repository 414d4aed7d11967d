using System.Globalization;
using Likeness.Core;
using Likeness.Server.Jobs.Api;
using Likeness.Server.Jobs.Scheduling;
using Likeness.Workspace;
using Likeness.Workspace.Jobs;
using Likeness.Workspace.Studies;
using Likeness.Workspace.Studies.Definition;
using Likeness.Workspace.Studies.Stored;
using Microsoft.Extensions.Options;

namespace Likeness.Server.Jobs.Studies;

/// <summary>
/// A study job: runs the study (the CLI's runner) into a working folder under this node's home, then publishes its
/// files to the asset store. It always runs through the shot cache, whose claims make every shot one paid call: a
/// step repeated after a crash, a restart or on another node runs the study again, gets the shots already made from
/// the cache, collects a call still waiting at a provider (its claim's resume token) and pays only for the shots that
/// were never asked for. Identities are reused or resumed the same way (a training in progress from its provider job id).
/// Its paid calls (shots, identity trainings) are charged to the member who started it (<see cref="JobPayer"/>): their
/// credits or quota running out stops the study, which keeps what it made and fails saying why, as a batch does; so does a
/// provider refusing the API key for a fresh shot. A shot's collect that the provider cannot answer now, or whose key it
/// refuses, stops the run but not the job, as in a batch: the job says why it waits and the next firing collects the call.
/// </summary>
internal sealed class StudySteps(JobBook jobs, StudyBook studies, StudyRunner runner, JobPayer payers, IOptions<WorkspaceOptions> workspace)
{
    /// <summary>The name study files sent to the server get in error messages.</summary>
    public const string SentFileName = "study";

    public async Task<JobRecord?> StepAsync(Guid id, CancellationToken cancellationToken)
    {
        JobRecord? job = await jobs.FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (job is null || job.IsFinal)
        {
            return job;
        }

        StudyJobInput input = JobInputs.Read<StudyJobInput>(job);
        if (job.CancelRequested)
        {
            return await CancelAsync(id, input, "cancelled before it started", cancellationToken).ConfigureAwait(false);
        }

        // Kept between firings: a repeated step finds the pictures already written.
        string folder = Path.Combine(workspace.Value.Home, "work", "studies", id.ToString("N"));
        try
        {
            StudyRecord study = await studies.FindAsync(input.StudyId, cancellationToken).ConfigureAwait(false)
                ?? throw new NotFoundException(EntityKind.Study, input.StudyId.ToString(), $"Study {input.StudyId} is gone.");
            // The characters were resolved within the project when the study was accepted; the runner takes their ids.
            StudyDefinition definition = StudyFile.ParseSent(study.Definition, SentFileName) with { Characters = [.. input.CharacterIds.Select(c => c.ToString())] };
            await studies.SetStatusAsync(study.Id, JobStatus.Running, cancellationToken).ConfigureAwait(false);
            if (job.Status == JobStatus.Queued)
            {
                // Only at the first firing: a later one keeps the message it finds (why it waits) until a cell is done.
                await jobs.UpdateAsync(id, j => (j.Status, j.Message) = (JobStatus.Running, $"running {study.Name}"), cancellationToken).ConfigureAwait(false);
            }

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            StudyRunSummary? summary = null;
            var progress = new StudyJobProgress(jobs, id, stop, cancellationToken);
            await using (progress.ConfigureAwait(false))
            {
                try
                {
                    summary = await runner.RunAsync(definition, folder, useCache: true, progress, log: null, payers.Of(job), stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    // Asked for on the record (the progress writer saw it): the shots made so far stay in the cache.
                }
            }

            if (summary is not { } done)
            {
                Clean(folder);
                return await CancelAsync(id, input, "cancelled while running; the shots made so far stay in the cache", cancellationToken).ConfigureAwait(false);
            }

            if (done.Refusal is { } refusal)
            {
                // The member's credits or quota ran out, or the provider refused the key for a fresh shot: the shots made
                // stay made and charged (and in the shot cache, so the study started again pays only for the rest); nothing
                // is published for a study that was not finished.
                Clean(folder);
                await studies.SetStatusAsync(study.Id, JobStatus.Failed, cancellationToken).ConfigureAwait(false);
                return await jobs.UpdateAsync(id, j => Refused(j, done, refusal), cancellationToken).ConfigureAwait(false);
            }

            if (done.Waiting is { } stopped && JobOutcomes.Waiting(stopped) is { } waiting)
            {
                // A collect stopped with its claim kept (the provider cannot be asked now, or refused the key), as in a
                // batch: the job runs on and says why it waits; the next firing runs the study again, which takes the shots
                // made from the cache and collects that call instead of sending it again. The folder is kept for it.
                return await jobs.UpdateAsync(id, j => j.Message = waiting, cancellationToken).ConfigureAwait(false);
            }

            await studies.PublishAsync(study.Id, folder, cancellationToken).ConfigureAwait(false);
            job = await jobs.UpdateAsync(id, j => Finish(j, done), cancellationToken).ConfigureAwait(false);
            Clean(folder);
            return job;
        }
        catch (LikenessException ex)
        {
            // Refused (a provider without its key, a character deleted since): the job says why, as a request would.
            await studies.SetStatusAsync(input.StudyId, JobStatus.Failed, cancellationToken).ConfigureAwait(false);
            Clean(folder);
            return await jobs.UpdateAsync(id, j => JobOutcomes.Fail(j, ex), cancellationToken).ConfigureAwait(false);
        }
    }

    // The working copy is not needed once the files are published (or the study ended without them).
    private static void Clean(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task<JobRecord> CancelAsync(Guid id, StudyJobInput input, string message, CancellationToken cancellationToken)
    {
        await studies.SetStatusAsync(input.StudyId, JobStatus.Cancelled, cancellationToken).ConfigureAwait(false);
        return await jobs.UpdateAsync(id, j => (j.Status, j.Message) = (JobStatus.Cancelled, message), cancellationToken).ConfigureAwait(false);
    }

    private static void Finish(JobRecord job, StudyRunSummary summary)
    {
        job.Status = JobStatus.Succeeded;
        job.Percent = 100;
        job.CostUsd = summary.PaidUsd;
        job.Message = Limit(string.Create(CultureInfo.InvariantCulture,
            $"{summary.Results.Shots.Count} shots: {summary.New} new, {summary.FromCache} from the cache, {summary.Failed} failed. {summary.CalibrationLine}"));
    }

    private static void Refused(JobRecord job, StudyRunSummary summary, LikenessException refusal)
    {
        JobOutcomes.Fail(job, refusal);
        job.CostUsd = summary.PaidUsd;
        job.Message = Limit(string.Create(CultureInfo.InvariantCulture,
            $"{summary.Results.Shots.Count - summary.Failed} of {summary.Results.Shots.Count} shots made; the rest were not: {refusal.Message}"));
    }

    private static string Limit(string message) => message.Length > 1000 ? message[..1000] : message;
}
