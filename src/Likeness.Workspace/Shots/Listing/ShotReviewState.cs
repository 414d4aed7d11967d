namespace Likeness.Workspace.Shots.Listing;

/// <summary>Where a person's review leaves a shot, as a list filters by it (<see cref="ShotFilter.Review"/>).</summary>
public enum ShotReviewState
{
    /// <summary>No one has accepted or rejected it.</summary>
    Unreviewed,

    /// <summary>Accepted by hand.</summary>
    Accepted,

    /// <summary>Rejected by hand.</summary>
    Rejected,
}
