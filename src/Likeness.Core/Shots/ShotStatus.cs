namespace Likeness.Core.Shots;

/// <summary>Where a shot is.</summary>
public enum ShotStatus
{
    /// <summary>Submitted, not finished.</summary>
    Pending,

    /// <summary>Images are stored.</summary>
    Succeeded,

    /// <summary>
    /// The provider made and charged for the images but its moderation blurred or withheld them (Stability's
    /// <c>CONTENT_FILTERED</c>): they are kept, and never scored as identity samples.
    /// </summary>
    Moderated,

    /// <summary>The provider failed or timed out; the reservation was refunded, unless the provider billed it all the same (its cost says so).</summary>
    Failed,
}
