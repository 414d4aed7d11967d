using Likeness.Server.Auth;
using Likeness.Server.Credits;
using Likeness.Workspace.Credits;
using Likeness.Workspace.Jobs;
using Microsoft.Extensions.Options;

namespace Likeness.Server.Jobs.Scheduling;

/// <summary>
/// Who pays for a background job: the member who asked for it, kept on its record with their role at that moment.
/// Every step of every kind of job rebuilds its payer here, on whichever node runs it, so a job's paid calls are held
/// by that member's credits and their role's daily quota exactly as a call they make directly is.
/// </summary>
internal sealed class JobPayer(IOptions<QuotaOptions> quotas)
{
    /// <summary>The caller of a project route (which ran only after its role requirement passed), as a job's requester.</summary>
    public static JobRequester RequesterOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new JobRequester(context.User.UserId(), ProjectAccess.RoleOf(context));
    }

    /// <summary>How many jobs <paramref name="requester"/>'s role may have queued or running at once; null for no limit.</summary>
    public int? MaxOpenJobs(JobRequester requester)
    {
        ArgumentNullException.ThrowIfNull(requester);
        return quotas.Value.For(requester.Role).ConcurrentJobs;
    }

    /// <summary>
    /// The payer of <paramref name="job"/>'s paid calls, with its requester's role's quotas as configured now; null for a
    /// job no member asked for (the budget alone holds it). A job's own calls run one after another and were counted as
    /// one job when it was accepted, so they are not refused again by the count of calls at once.
    /// </summary>
    public Payer? Of(JobRecord job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return job.Requester is { } requester ? quotas.Value.PayerFor(requester.UserId, requester.Role) with { ConcurrentCalls = null } : null;
    }
}
