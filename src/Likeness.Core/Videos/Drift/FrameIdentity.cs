namespace Likeness.Core.Videos.Drift;

/// <summary>
/// What the face engine saw in one sampled frame: whether a face was found, the largest face's mean distance to
/// the character's references, and the other cast member a face in the frame resembles more (when one does).
/// </summary>
public sealed record FrameIdentity(TimeSpan Time, bool FaceFound, double? Distance, string? OtherCharacter = null, double? OtherDistance = null);
