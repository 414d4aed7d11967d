using Likeness.Core.Shots;

namespace Likeness.Core.Providers;

/// <summary>
/// A generator whose calls outlive the process that sent them (a job the provider keeps: fal's queued requests,
/// Replicate's predictions, Leonardo's generations, Astria's prompts): the token it passes to a request's
/// <c>Submitted</c> callback lets another process collect the answer instead of sending the request again, so a shot
/// cut off by a dead node is paid once.
/// </summary>
public interface IResumableGenerator : IProvider
{
    /// <summary>Waits for the call that <paramref name="resumeToken"/> names and returns its answer, as the original call would have.</summary>
    Task<GenerationResult> ResumeGenerationAsync(string resumeToken, ShotRequest shot, CancellationToken cancellationToken = default);
}
