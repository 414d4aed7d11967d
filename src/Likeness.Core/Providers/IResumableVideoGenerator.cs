namespace Likeness.Core.Providers;

/// <summary>
/// A video generator whose calls outlive the process that sent them (a queue the provider keeps, as fal's): the token
/// it passes to <see cref="ElementVideoRequest.Submitted"/> lets another process collect the video instead of sending
/// the request again, so a video cut off by a dead node (or by a status read that failed) is paid once.
/// </summary>
public interface IResumableVideoGenerator : IElementVideoGenerator
{
    /// <summary>
    /// Waits for the call that <paramref name="resumeToken"/> names and returns its video, as the original call would
    /// have; <paramref name="durationSeconds"/> is the length that call asked for (what it costs).
    /// </summary>
    Task<VideoResult> ResumeVideoAsync(string resumeToken, int durationSeconds, CancellationToken cancellationToken = default);
}
