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
    /// What the job says while it waits, when <paramref name="error"/> stopped a collect without ending the job; null when
    /// it ends the job. The runners throw a provider's error only while collecting a call the provider already has (a
    /// fresh submission it refuses is a failed row instead), and its claim was kept as it stands: a passing failure
    /// (<see cref="ProviderException.Retriable"/>: a 5xx or 429 from its status endpoint, a dropped connection, an open
    /// circuit) or a key the provider refused (401/403: no word on the call) is tried again at the next firing, which
    /// collects the call, never sending it again. The message names the provider and the status, never the key.
    /// </summary>
    public static string? Waiting(LikenessException error) => error switch
    {
        ProviderException { KeyRefused: true } refused =>
            $"waiting: {refused.Provider} refused the API key (HTTP {refused.Status}); set a valid key, and the call it already has is collected at the next firing, not sent again",
        ProviderException { Retriable: true } passing => $"waiting: {passing.Provider} cannot be asked now about the call it has; it is collected at the next firing",
        _ => null,
    };

    /// <summary>
    /// True when <paramref name="error"/> is a provider refusing the API key (<see cref="ProviderException.KeyRefused"/>)
    /// for a fresh submission: the job cannot go on until the key is fixed. Not a refusal of one request (Stability's
    /// moderation 403), which fails that shot only.
    /// </summary>
    public static bool KeyRefused(LikenessException? error) => error is ProviderException { KeyRefused: true };

    public static void Fail(JobRecord job, LikenessException error)
    {
        job.Status = JobStatus.Failed;
        job.Message = error.Message;
        job.Error = JsonSerializer.Serialize(LikenessExceptionHandler.FromDomain(error), Options);
    }
}
