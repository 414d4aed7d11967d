using Likeness.Core.Scoring;

namespace Likeness.Core.References;

/// <summary>What the face engine saw in a reference photo.</summary>
public sealed record ReferenceAnalysis
{
    /// <summary>Faces found.</summary>
    public required int FacesFound { get; init; }

    /// <summary>Descriptor of the largest face (128 numbers for the dlib-style net); empty when no face.</summary>
    public IReadOnlyList<float> Descriptor { get; init; } = [];

    /// <summary>Detector score of the largest face.</summary>
    public double FaceScore { get; init; }

    /// <summary>Where the largest face is, in the upright image's pixels; null without a face (or for a reference analysed before boxes were kept).</summary>
    public FaceBox? Face { get; init; }

    /// <summary>
    /// True when a reference analysed before boxes were kept was looked at again for its box and the face engine found
    /// no face: <see cref="Face"/> stays null, and it is not looked for again (<see cref="ReferenceImage.NeedsFaceBox"/>).
    /// </summary>
    public bool FaceBoxNotFound { get; init; }

    /// <summary>Which engine and alignment produced it, so descriptors of different engines are never compared.</summary>
    public required string Analyzer { get; init; }
}
