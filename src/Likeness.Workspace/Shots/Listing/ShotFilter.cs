using Likeness.Core.Shots;

namespace Likeness.Workspace.Shots.Listing;

/// <summary>
/// Which of a character's shots a list keeps: made at one provider, in one state, reviewed one way (null: any). It is
/// a predicate on the query, applied before the shots are ordered and paged, so a page holds only matching shots
/// and its cursor counts only them.
/// </summary>
/// <param name="Provider">The provider that made it.</param>
/// <param name="Status">Its state.</param>
/// <param name="Review">A person's accept or reject, or none yet.</param>
public sealed record ShotFilter(string? Provider = null, ShotStatus? Status = null, ShotReviewState? Review = null)
{
    /// <summary>Every shot.</summary>
    public static ShotFilter None { get; } = new();

    /// <summary>Whether it keeps every shot.</summary>
    public bool IsEmpty => Provider is null && Status is null && Review is null;

    /// <summary>
    /// The shots of <paramref name="shots"/> that match. A page's cursor need not match (a shot reviewed since its page
    /// was read keeps the reader's place): pages continue after the cursor's time and id, not after its position here.
    /// </summary>
    public IQueryable<Shot> Apply(IQueryable<Shot> shots)
    {
        ArgumentNullException.ThrowIfNull(shots);
        if (IsEmpty)
        {
            return shots;
        }

        // Plain values captured, so the query's parameters are these and EF Core translates one predicate.
        string? provider = Provider;
        bool anyStatus = Status is null;
        ShotStatus status = Status ?? default;
        bool anyReview = Review is null;
        bool unreviewed = Review == ShotReviewState.Unreviewed;
        bool accepted = Review == ShotReviewState.Accepted;
        return shots.Where(s => (provider == null || s.Provider == provider)
            && (anyStatus || s.Status == status)
            && (anyReview || (unreviewed && s.ReviewAccepted == null) || (!unreviewed && s.ReviewAccepted == accepted)));
    }
}
