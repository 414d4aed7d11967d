namespace Likeness.Core.Ratings;

/// <summary>
/// A vote as stored: relative to the pair's own order (its first and second shot), never to the side a rater saw,
/// so the statistics do not depend on how each rater's screen was laid out.
/// </summary>
public enum RatingAnswer
{
    /// <summary>The pair's first shot is better.</summary>
    First,

    /// <summary>The pair's second shot is better.</summary>
    Second,

    /// <summary>The rater cannot tell them apart.</summary>
    CannotTell,
}
