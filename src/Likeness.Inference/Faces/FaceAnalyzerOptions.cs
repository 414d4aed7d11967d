namespace Likeness.Inference.Faces;

/// <summary>Settings of <see cref="FaceAnalyzer"/>.</summary>
public sealed record FaceAnalyzerOptions
{
    /// <summary>The extra detector sizes of the affine mode when <see cref="ExtraInputSizes"/> is not set.</summary>
    public static IReadOnlyList<int> DefaultExtraInputSizes { get; } = [224, 320, 608];

    /// <summary>The downscaled pass's fill in the affine mode when <see cref="DownscaledFill"/> is not set.</summary>
    public const double DefaultDownscaledFill = 0.5;

    /// <summary>The detector's first (primary) input side in pixels, a multiple of 32 (face-api's default 416).</summary>
    public int InputSize { get; init; } = 416;

    /// <summary>
    /// Further detector passes after <see cref="InputSize"/>, each a multiple of 32: small sizes find close-ups whose
    /// face is too large for the grid at 416, large sizes find small faces in wide shots. Null means the mode's
    /// default: <see cref="DefaultExtraInputSizes"/> with <see cref="FaceAlignment.Affine"/>, none with
    /// <see cref="FaceAlignment.FaceApi"/> (face-api runs one size, and that mode is kept bit for bit).
    /// </summary>
    public IReadOnlyList<int>? ExtraInputSizes { get; init; }

    /// <summary>
    /// One more pass at <see cref="InputSize"/> with the whole image shrunk to this fraction of the input (the rest
    /// zero padding), for faces that fill the frame; in (0, 1), or 0 for none. Null means the mode's default:
    /// <see cref="DefaultDownscaledFill"/> with <see cref="FaceAlignment.Affine"/>, none with <see cref="FaceAlignment.FaceApi"/>.
    /// </summary>
    public double? DownscaledFill { get; init; }

    /// <summary>Detections must score strictly above this, in (0, 1) (face-api's default 0.5).</summary>
    public double ScoreThreshold { get; init; } = 0.5;

    /// <summary>How faces are cut out for the descriptor.</summary>
    public FaceAlignment Alignment { get; init; } = FaceAlignment.Affine;

    /// <summary>Threads the kernels use; 0 = every core.</summary>
    public int DegreeOfParallelism { get; init; }

    /// <summary>The detector passes in the order they are merged: the primary size first.</summary>
    public IReadOnlyList<DetectorPass> DetectorPasses()
    {
        bool multiScale = Alignment == FaceAlignment.Affine;
        var passes = new List<DetectorPass> { new(InputSize, 1) };
        // A size equal to the primary or repeated would run the same pass again, only for the merge to drop it all.
        passes.AddRange((ExtraInputSizes ?? (multiScale ? DefaultExtraInputSizes : [])).Where(size => size != InputSize).Distinct()
            .Select(size => new DetectorPass(size, 1)));
        double fill = DownscaledFill ?? (multiScale ? DefaultDownscaledFill : 0);
        if (fill > 0)
        {
            passes.Add(new DetectorPass(InputSize, fill));
        }

        return passes;
    }

    /// <summary>Throws when a setting is out of range.</summary>
    public void Validate()
    {
        if (!DetectorPass.IsInputSize(InputSize))
        {
            throw new ArgumentOutOfRangeException(nameof(InputSize), InputSize, DetectorPass.InputSizeRule);
        }

        foreach (int size in (ExtraInputSizes ?? []).Where(size => !DetectorPass.IsInputSize(size)))
        {
            throw new ArgumentOutOfRangeException(nameof(ExtraInputSizes), size, DetectorPass.InputSizeRule);
        }

        if (DownscaledFill is { } fill && !(fill >= 0 && fill < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(DownscaledFill), fill, "The downscaled pass's fill must be in (0, 1), or 0 for none.");
        }

        if (!(ScoreThreshold > 0 && ScoreThreshold < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(ScoreThreshold), ScoreThreshold, "The score threshold must be in (0, 1).");
        }

        if (!Enum.IsDefined(Alignment))
        {
            throw new ArgumentOutOfRangeException(nameof(Alignment), Alignment, "Unknown alignment.");
        }
    }
}
