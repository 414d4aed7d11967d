using System.Collections.Concurrent;
using Likeness.Core;
using Likeness.Workspace.Costs;
using Likeness.Workspace.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Likeness.Workspace.Jobs;

/// <summary>
/// The background jobs' records in the workspace database: made when a job is accepted, changed as it runs (on any
/// node), read by pollers and progress streams. A change that alters nothing people see is not saved, so each saved
/// version is one event.
/// </summary>
public sealed class JobBook(IDbContextFactory<LikenessDbContext> database, TimeProvider time)
{
    // Wakes this process's progress streams the moment a job changes here; changes made on other nodes are seen by reading.
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource> _changes = new();

    /// <summary>
    /// Completes when job <paramref name="id"/> is next changed by this process, or after <paramref name="atMost"/> (a
    /// change made on another node is only seen by reading the record again).
    /// </summary>
    public async Task WhenChangedAsync(Guid id, TimeSpan atMost, CancellationToken cancellationToken = default)
    {
        TaskCompletionSource signal = _changes.GetOrAdd(id, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(atMost);
        try
        {
            await signal.Task.WaitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Time to read the record again.
        }
    }

    private void Changed(Guid id)
    {
        if (_changes.TryRemove(id, out TaskCompletionSource? signal))
        {
            signal.TrySetResult();
        }
    }

    /// <summary>Records a new queued job that no member asked for (its paid calls are held by the budget only).</summary>
    public Task<JobRecord> CreateAsync(Guid projectId, JobKind kind, string input, CancellationToken cancellationToken = default) =>
        CreateAsync(projectId, kind, input, null, null, cancellationToken);

    /// <summary>
    /// Records a new queued job asked for by <paramref name="requester"/>. With <paramref name="maxOpen"/>, refuses it
    /// (<see cref="QuotaExceededException"/>, nothing recorded) when the member already has that many jobs queued or
    /// running in the project: counted and recorded under the project's ledger lock, so requests racing on any node
    /// cannot together pass the quota.
    /// </summary>
    public async Task<JobRecord> CreateAsync(
        Guid projectId, JobKind kind, string input, JobRequester? requester, int? maxOpen, CancellationToken cancellationToken = default)
    {
        JobRecord job = JobRecord.Create(projectId, kind, input, time, requester);
        await using LikenessDbContext db = database.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await AddCountedAsync(db, job, maxOpen, cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return job;
    }

    /// <summary>
    /// Adds <paramref name="job"/> to <paramref name="db"/>, first refusing it (<see cref="QuotaExceededException"/>) when
    /// its requester already has <paramref name="maxOpen"/> jobs queued or running in the project. The caller's
    /// transaction holds the project's ledger lock from the count to its commit, so racing requests cannot together pass.
    /// </summary>
    internal static async Task AddCountedAsync(LikenessDbContext db, JobRecord job, int? maxOpen, CancellationToken cancellationToken)
    {
        if (job.Requester is { } requester && maxOpen is { } max)
        {
            await LedgerBook.LockBalanceAsync(db, job.ProjectId, cancellationToken).ConfigureAwait(false);
            int open = await db.Jobs.CountAsync(
                j => j.ProjectId == job.ProjectId && j.RequestedBy == requester.UserId && (j.Status == JobStatus.Queued || j.Status == JobStatus.Running),
                cancellationToken).ConfigureAwait(false);
            if (open >= max)
            {
                throw new QuotaExceededException(
                    "concurrent-jobs", max, $"Your role may have {max} job(s) queued or running at once, and you have {open}; wait for one to finish or cancel one.");
            }
        }

        db.Jobs.Add(job);
    }

    /// <summary>The job, or null.</summary>
    public async Task<JobRecord?> FindAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        return await db.Jobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The job of <paramref name="projectId"/>; a job of another project is not found, as one that does not exist.</summary>
    public async Task<JobRecord> GetAsync(Guid projectId, Guid id, CancellationToken cancellationToken = default) =>
        await FindAsync(id, cancellationToken).ConfigureAwait(false) is { } job && job.ProjectId == projectId
            ? job
            : throw new NotFoundException(EntityKind.Job, id.ToString(), $"No job {id}.");

    /// <summary>The unfinished job that follows <paramref name="subjectId"/>, if any.</summary>
    public async Task<JobRecord?> FindBySubjectAsync(Guid subjectId, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        return await db.Jobs.AsNoTracking().Where(j => j.SubjectId == subjectId).OrderByDescending(j => j.CreatedAt).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the job and saves it as the next version when it altered anything; a final
    /// job is left as it is. Another node's change in between makes this one retry on the fresh record.
    /// </summary>
    public async Task<JobRecord> UpdateAsync(Guid id, Action<JobRecord> change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        while (true)
        {
            await using LikenessDbContext db = database.CreateDbContext();
            JobRecord job = await db.Jobs.SingleAsync(j => j.Id == id, cancellationToken).ConfigureAwait(false);
            if (job.IsFinal)
            {
                return job;
            }

            JobRecord before = job.Copy();
            change(job);
            if (job.SameAs(before))
            {
                return job;
            }

            job.Version = before.Version + 1;
            job.UpdatedAt = time.GetUtcNow();
            try
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                Changed(id);
                return job;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another node saved a step first: apply this change to what it saved.
            }
        }
    }
}
