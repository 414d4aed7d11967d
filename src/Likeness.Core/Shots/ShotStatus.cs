namespace Likeness.Core.Shots;

/// <summary>Where a shot is.</summary>
public enum ShotStatus
{
    /// <summary>Submitted, not finished.</summary>
    Pending,

    /// <summary>Images are stored.</summary>
    Succeeded,

    /// <summary>The provider failed or timed out; the reservation was refunded.</summary>
    Failed,
}
