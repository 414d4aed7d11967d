namespace Likeness.Core.Ratings;

/// <summary>Who a rater is.</summary>
public enum RaterKind
{
    /// <summary>A member of the session's project (rater id = user id).</summary>
    Member,

    /// <summary>A guest with an invite link (rater id = invite id).</summary>
    Guest,
}
