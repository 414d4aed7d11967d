namespace Likeness.Core.Ratings;

/// <summary>What a rater pressed: the image shown on the left, the one on the right, or "cannot tell".</summary>
public enum RatingSide
{
    /// <summary>The left image.</summary>
    Left,

    /// <summary>The right image.</summary>
    Right,

    /// <summary>Cannot tell.</summary>
    CannotTell,
}
