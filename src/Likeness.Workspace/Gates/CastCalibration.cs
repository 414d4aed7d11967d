using Likeness.Core.Characters;
using Likeness.Core.Gates;

namespace Likeness.Workspace.Gates;

/// <summary>A character a multi-character shot's faces are matched against: its references and its calibration.</summary>
/// <param name="Character">The character.</param>
/// <param name="Subject">Its references by the face metric.</param>
/// <param name="Calibration">Its usable face calibration.</param>
public sealed record CastCalibration(Character Character, GateSubject Subject, CharacterCalibration Calibration)
{
    /// <summary>The calibrated threshold.</summary>
    public double Threshold => Calibration.Threshold!.Value;
}
