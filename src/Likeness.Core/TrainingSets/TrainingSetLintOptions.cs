namespace Likeness.Core.TrainingSets;

/// <summary>
/// What a training set is checked against. The provider's limits come from its descriptor; the rest are the common
/// practice of character LoRA training (shared/reference/evaluation.md §4: 10 to 30 curated images, shortest side
/// about 1024, varied angles and lighting, captions of what varies).
/// </summary>
public sealed record TrainingSetLintOptions
{
    /// <summary>Fewest images the provider takes (its descriptor's MinReferences).</summary>
    public int MinImages { get; init; } = 1;

    /// <summary>Most images the provider takes; the rest are not sent.</summary>
    public int MaxImages { get; init; } = 20;

    /// <summary>Images below this count get a warning.</summary>
    public int RecommendedImages { get; init; } = 10;

    /// <summary>Smallest side the provider accepts (its descriptor's MinReferenceSide).</summary>
    public int MinSide { get; init; } = 256;

    /// <summary>The side the trainer scales images to (FLUX LoRA trainers bucket at about 1024; images are never upscaled).</summary>
    public int TrainingSide { get; init; } = 1024;

    /// <summary>Smallest face height, in pixels at the training resolution.</summary>
    public int MinFacePixels { get; init; } = 96;

    /// <summary>Largest ratio of the longer side to the shorter.</summary>
    public double MaxAspect { get; init; } = 2.0;

    /// <summary>Identity threshold (face distance) for the one-identity check; null skips it.</summary>
    public double? Threshold { get; init; }

    /// <summary>Whether faces were measured; without the face engine the face, identity and coverage rules are skipped.</summary>
    public bool FacesMeasured { get; init; } = true;

    /// <summary>Fewest images before pose and lighting coverage are judged.</summary>
    public int CoverageFrom { get; init; } = 4;

    /// <summary>Face luma spread (largest minus smallest mean) below which every face counts as lit alike.</summary>
    public double MinLumaSpread { get; init; } = 12;

    /// <summary>Score below which a paid training is refused unless the user overrides it.</summary>
    public int MinimumScore { get; init; } = 50;

    /// <summary>Throws when a value is out of range.</summary>
    public void Validate()
    {
        if (MinImages < 1 || MaxImages < MinImages || RecommendedImages < 1 || MinSide < 1 || TrainingSide < 64 || MinFacePixels < 1
            || !double.IsFinite(MaxAspect) || MaxAspect < 1 || CoverageFrom < 2 || !double.IsFinite(MinLumaSpread) || MinLumaSpread < 0
            || MinimumScore is < 0 or > 100 || Threshold is { } t && (!double.IsFinite(t) || t <= 0))
        {
            throw new ArgumentException($"Invalid training-set lint options: {this}.");
        }
    }
}
