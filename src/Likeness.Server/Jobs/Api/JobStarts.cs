using Likeness.Server.Jobs.Scheduling;
using Likeness.Workspace.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;
using Quartz;

namespace Likeness.Server.Jobs.Api;

/// <summary>
/// Accepts a background job for the caller, the same for every kind: recorded with who asked and their role (checked
/// against the role's ConcurrentJobs quota first: over it, a 429 <c>quota-exceeded</c> and nothing queued), put on the
/// schedule, answered with 202, the job and its Location.
/// </summary>
internal sealed class JobStarts(JobBook jobs, JobQueue queue, JobPayer payers)
{
    public Task<Accepted<JobResponse>> StartAsync<TStep>(HttpContext context, Guid project, JobKind kind, string input, CancellationToken cancellationToken)
        where TStep : IJob =>
        StartAsync<TStep>(context, project, (requester, maxOpen) => jobs.CreateAsync(project, kind, input, requester, maxOpen, cancellationToken), cancellationToken);

    /// <summary>
    /// The same for a job recorded together with what it makes (a study and its job, in one transaction):
    /// <paramref name="record"/> records it for the requester, refusing it over their role's open-job limit.
    /// </summary>
    public async Task<Accepted<JobResponse>> StartAsync<TStep>(
        HttpContext context, Guid project, Func<JobRequester, int?, Task<JobRecord>> record, CancellationToken cancellationToken)
        where TStep : IJob
    {
        ArgumentNullException.ThrowIfNull(record);
        JobRequester requester = JobPayer.RequesterOf(context);
        JobRecord job = await record(requester, payers.MaxOpenJobs(requester)).ConfigureAwait(false);
        await queue.EnqueueAsync<TStep>(job, cancellationToken).ConfigureAwait(false);
        return TypedResults.Accepted(JobEndpoints.Location(project, job), JobResponse.From(job));
    }
}
