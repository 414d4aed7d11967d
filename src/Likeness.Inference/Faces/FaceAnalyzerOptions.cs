namespace Likeness.Inference.Faces;

/// <summary>Settings of <see cref="FaceAnalyzer"/>.</summary>
public sealed record FaceAnalyzerOptions
{
    /// <summary>The detector's input side in pixels, a multiple of 32 (face-api's default 416).</summary>
    public int InputSize { get; init; } = 416;

    /// <summary>Detections must score strictly above this, in (0, 1) (face-api's default 0.5).</summary>
    public double ScoreThreshold { get; init; } = 0.5;

    /// <summary>How faces are cut out for the descriptor.</summary>
    public FaceAlignment Alignment { get; init; } = FaceAlignment.Affine;

    /// <summary>Threads the kernels use; 0 = every core.</summary>
    public int DegreeOfParallelism { get; init; }

    /// <summary>Throws when a setting is out of range.</summary>
    public void Validate()
    {
        if (InputSize < 32 || InputSize % 32 != 0 || InputSize > 2048)
        {
            throw new ArgumentOutOfRangeException(nameof(InputSize), InputSize, "The input size must be a multiple of 32 between 32 and 2048.");
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
