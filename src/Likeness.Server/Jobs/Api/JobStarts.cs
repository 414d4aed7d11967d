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
    public async Task<Accepted<JobResponse>> StartAsync<TStep>(HttpContext context, Guid project, JobKind kind, string input, CancellationToken cancellationToken)
        where TStep : IJob
    {
        JobRequester requester = JobPayer.RequesterOf(context);
        JobRecord job = await jobs.CreateAsync(project, kind, input, requester, payers.MaxOpenJobs(requester), cancellationToken).ConfigureAwait(false);
        await queue.EnqueueAsync<TStep>(job, cancellationToken).ConfigureAwait(false);
        return TypedResults.Accepted(JobEndpoints.Location(project, job), JobResponse.From(job));
    }
}
