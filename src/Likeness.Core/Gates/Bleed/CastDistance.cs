namespace Likeness.Core.Gates.Bleed;

/// <summary>One face's distance to one cast member, against that member's own calibrated threshold.</summary>
/// <param name="CharacterId">The cast member.</param>
/// <param name="Name">Its name (for the report).</param>
/// <param name="Distance">The face's mean distance to the member's references.</param>
/// <param name="Threshold">The member's calibrated threshold.</param>
/// <param name="CalibrationId">The calibration the threshold came from.</param>
/// <param name="CalibrationVersion">Its version.</param>
public sealed record CastDistance(Guid CharacterId, string Name, double Distance, double Threshold, Guid CalibrationId, int CalibrationVersion)
{
    /// <summary>Whether the face would pass as this member.</summary>
    public bool Under => Distance <= Threshold;
}
