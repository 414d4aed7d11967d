namespace Likeness.Core.Videos.Frames;

/// <summary>The frames kept for training, in time order, and every other sampled frame with why it was left out.</summary>
public sealed record FrameSelection(IReadOnlyList<FrameCandidate> Chosen, IReadOnlyList<(FrameCandidate Frame, FrameRejection Reason)> Rejected)
{
    /// <summary>The distinct pose bands among the chosen frames.</summary>
    public int PosesCovered => Chosen.Select(c => c.PoseLabel).Distinct().Count();
}
