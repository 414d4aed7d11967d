using System.Text.Json;
using Likeness.Core;
using Likeness.Server.Problems;
using Likeness.Workspace.Jobs;

namespace Likeness.Server.Jobs.Api;

/// <summary>How a job records its failure: the same RFC 9457 problem a request failing with that error would get.</summary>
internal static class JobOutcomes
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static void Fail(JobRecord job, LikenessException error)
    {
        job.Status = JobStatus.Failed;
        job.Message = error.Message;
        job.Error = JsonSerializer.Serialize(LikenessExceptionHandler.FromDomain(error), Options);
    }
}
