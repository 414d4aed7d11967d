namespace Likeness.Core.Studies.Bleed;

/// <summary>
/// The bleed check against a ground truth (the simulator's record of who each slot of the frame shows): how many bled
/// shots were flagged, how many slipped through, and the same for clean shots.
/// </summary>
/// <param name="FlaggedBled">Bled and flagged (true positives).</param>
/// <param name="MissedBled">Bled but not flagged (false negatives).</param>
/// <param name="FlaggedClean">Clean but flagged (false positives).</param>
/// <param name="PassedClean">Clean and not flagged (true negatives).</param>
public sealed record BleedConfusion(int FlaggedBled, int MissedBled, int FlaggedClean, int PassedClean);
