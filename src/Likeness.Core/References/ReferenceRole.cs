namespace Likeness.Core.References;

/// <summary>What a reference photo shows; providers and pins pick references by role.</summary>
public enum ReferenceRole
{
    /// <summary>Face towards the camera.</summary>
    Frontal,

    /// <summary>Face turned about 45 degrees.</summary>
    ThreeQuarter,

    /// <summary>Side view.</summary>
    Profile,

    /// <summary>The whole body.</summary>
    FullBody,

    /// <summary>A tight crop of the face.</summary>
    CloseUp,

    /// <summary>Anything else.</summary>
    Other,
}
