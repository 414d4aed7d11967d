namespace Likeness.Core.Shots;

/// <summary>How well a shot kept the character, measured by Likeness's own engines; null where not measured.</summary>
public sealed record ShotScores
{
    /// <summary>Which face engine measured the face columns.</summary>
    public string? FaceAnalyzer { get; init; }

    /// <summary>Whether a face was found in the (first) image.</summary>
    public bool? FaceDetected { get; init; }

    /// <summary>Mean descriptor distance of the shot's largest face to the character's reference faces.</summary>
    public double? FaceDistanceMean { get; init; }

    /// <summary>Smallest such distance.</summary>
    public double? FaceDistanceMin { get; init; }

    /// <summary>The largest face's descriptor, so shots can be compared with each other (a study's self-consistency) without analysing them again.</summary>
    public IReadOnlyList<float>? FaceDescriptor { get; init; }

    /// <summary>DINO-I on the whole frame and the character crop; null when no DINOv2 model is installed.</summary>
    public DinoScores? Dino { get; init; }

    /// <summary>
    /// CLIP-T: the cosine of the image's CLIP embedding to the embedding of the prompt the provider received (higher
    /// follows the prompt better); null when no CLIP model is installed (or the shot was scored before one was).
    /// </summary>
    public double? ClipT { get; init; }

    /// <summary>Which CLIP model measured <see cref="ClipT"/>; scores of different models are never compared.</summary>
    public string? ClipModel { get; init; }
}
