namespace Likeness.Core.Studies.Calibration;

/// <summary>
/// A study character's reference that is also (the same file, or near-identical by difference hash) a reference of
/// another character: it would be genuine for one and impostor for the other, so the sampler left it out of their
/// impostor pairs and the calibration refuses.
/// </summary>
/// <param name="Character">The study character.</param>
/// <param name="OtherCharacter">The character that has the same image.</param>
/// <param name="FileName">The study character's file name.</param>
/// <param name="OtherFileName">The other character's file name.</param>
public sealed record CalibrationOverlap(string Character, string OtherCharacter, string FileName, string OtherFileName);
