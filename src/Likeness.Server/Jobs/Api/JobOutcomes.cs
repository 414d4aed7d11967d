using System.Text.Json;
using Likeness.Core;
using Likeness.Core.Providers;
using Likeness.Server.Problems;
using Likeness.Workspace.Jobs;

namespace Likeness.Server.Jobs.Api;

/// <summary>How a job records its failure: the same RFC 9457 problem a request failing with that error would get.</summary>
internal static class JobOutcomes
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Whether <paramref name="error"/> ends the job: a refusal or a provider's verdict does. A provider's passing failure
    /// (<see cref="ProviderException.Retriable"/>: a 5xx or 429 from its status endpoint, a dropped connection, an open
    /// circuit) while collecting a call it already has does not: the call's claim was kept as it stands, so the step is
    /// tried again at the next firing and collects it then, never sending it again.
    /// </summary>
    public static bool Ends(LikenessException error) => error is not ProviderException { Retriable: true };

    public static void Fail(JobRecord job, LikenessException error)
    {
        job.Status = JobStatus.Failed;
        job.Message = error.Message;
        job.Error = JsonSerializer.Serialize(LikenessExceptionHandler.FromDomain(error), Options);
    }
}
