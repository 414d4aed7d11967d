namespace Likeness.Core.Shots;

/// <summary>
/// DINO-I of one shot: cosines between the DINOv2 embedding of the shot and those of the character's references,
/// on the whole frame and on the character's crop (the face box grown to the body; the whole frame when no face is
/// found). Higher is more alike. It sees hair, outfit, body and style as well as the face, and background too.
/// </summary>
public sealed record DinoScores
{
    /// <summary>Which DINOv2 model measured them ("dino/facebook-dinov2-small"); scores of different models are never mixed.</summary>
    public required string Model { get; init; }

    /// <summary>Mean cosine of the whole frame to the references' whole frames.</summary>
    public required double WholeMean { get; init; }

    /// <summary>Highest such cosine.</summary>
    public required double WholeMax { get; init; }

    /// <summary>Mean cosine of the character crop to the references' character crops.</summary>
    public required double CropMean { get; init; }

    /// <summary>Highest such cosine.</summary>
    public required double CropMax { get; init; }

    /// <summary>Whether the crop came from a face box (false: no face was found and the crop is the whole frame).</summary>
    public required bool CropFromFace { get; init; }
}
