using Likeness.Core.Scoring;

namespace Likeness.Core.TrainingSets;

/// <summary>What the workspace measured of one training image, for <see cref="TrainingSetLint"/>.</summary>
public sealed record TrainingImageFacts
{
    /// <summary>The image's name (a reference's file name).</summary>
    public required string Name { get; init; }

    /// <summary>Upright width in pixels.</summary>
    public required int Width { get; init; }

    /// <summary>Upright height in pixels.</summary>
    public required int Height { get; init; }

    /// <summary>Difference hash of the whole image (<see cref="References.ImageFingerprint"/>).</summary>
    public required ulong Fingerprint { get; init; }

    /// <summary>Faces the engine found.</summary>
    public int FacesFound { get; init; }

    /// <summary>The largest face's box, when a face was found.</summary>
    public FaceBox? Face { get; init; }

    /// <summary>The largest face's identity descriptor (empty without a face).</summary>
    public IReadOnlyList<float> Descriptor { get; init; } = [];

    /// <summary>The head's signed turn (<see cref="HeadPoses.Turn"/>), when landmarks were found.</summary>
    public double? Turn { get; init; }

    /// <summary>Mean luma of the face, 0 to 255 (null without a face).</summary>
    public double? FaceLuma { get; init; }

    /// <summary>Mean colour of the border strips (mostly background).</summary>
    public Imaging.Statistics.BorderColour? Background { get; init; }

    /// <summary>CLIP zero-shot labels (setting, expression), when a CLIP model is installed.</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>The caption the user gave, or null (Likeness then writes one from measurements, which needs no check).</summary>
    public string? Caption { get; init; }
}
