using Likeness.Core.Ratings;

namespace Likeness.Workspace.Ratings;

/// <summary>
/// What a rater is asked next: a pair by its opaque id and one question; which shot is on which side is the rater's own
/// (<see cref="RaterOrder"/>) and resolved on the server, so nothing here names a provider or a shot.
/// </summary>
/// <param name="SessionId">The session.</param>
/// <param name="PairId">The pair, or null when the rater has answered everything.</param>
/// <param name="Question">The question, or null when done.</param>
/// <param name="Prompt">The prompt both shots were made from (shown with the prompt question).</param>
/// <param name="ReferenceCount">How many of the character's reference images are shown beside the pair.</param>
/// <param name="Answered">Questions this rater has answered.</param>
/// <param name="Total">Questions in the session (pairs × 2).</param>
public sealed record RaterTask(Guid SessionId, Guid? PairId, RatingQuestion? Question, string? Prompt, int ReferenceCount, int Answered, int Total)
{
    /// <summary>True when every question is answered.</summary>
    public bool Done => PairId is null;
}
