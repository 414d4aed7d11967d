namespace Likeness.Core.Videos.Drift;

/// <summary>How one sampled frame stands against the character's threshold.</summary>
public enum FrameVerdict
{
    /// <summary>The character is there: the largest face is within the threshold.</summary>
    Kept,

    /// <summary>A face is there but it is too far from the character's references.</summary>
    Drifted,

    /// <summary>A face in the frame is another cast member (within the threshold of that character and closer to them).</summary>
    OtherCharacter,

    /// <summary>No face was found (a cut away, darkness, a back view).</summary>
    NoFace,
}
