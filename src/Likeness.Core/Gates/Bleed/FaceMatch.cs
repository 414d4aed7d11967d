namespace Likeness.Core.Gates.Bleed;

/// <summary>Who one face in a shot is: the cast member it matches, none (a stranger), or ambiguous between two.</summary>
/// <param name="Face">The face's index in the shot (largest first).</param>
/// <param name="Distances">Its distance to every calibrated cast member, closest first.</param>
/// <param name="CharacterId">The member it is; null for a stranger or an ambiguous face.</param>
/// <param name="Ambiguous">Two members fit it: both under their thresholds, or the closest two within the margin.</param>
public sealed record FaceMatch(int Face, IReadOnlyList<CastDistance> Distances, Guid? CharacterId, bool Ambiguous);
