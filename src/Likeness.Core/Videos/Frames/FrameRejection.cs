namespace Likeness.Core.Videos.Frames;

/// <summary>Why a sampled frame is not in the training set.</summary>
public enum FrameRejection
{
    /// <summary>No face was found.</summary>
    NoFace,

    /// <summary>The face is another cast member.</summary>
    OtherCharacter,

    /// <summary>The face is too far from the character's references.</summary>
    NotTheCharacter,

    /// <summary>The face is too small for training.</summary>
    FaceTooSmall,

    /// <summary>The face is blurred (much less detail than the clip's usable frames).</summary>
    Blurry,

    /// <summary>The face is too dark, too bright, or clipped.</summary>
    BadExposure,

    /// <summary>Nearly the same picture as a frame already kept.</summary>
    Duplicate,

    /// <summary>Usable, but the set was full with frames that add more pose or lighting variety.</summary>
    NotChosen,
}
