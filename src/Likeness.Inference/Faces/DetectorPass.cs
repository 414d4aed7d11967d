namespace Likeness.Inference.Faces;

/// <summary>One run of the face detector.</summary>
/// <param name="InputSize">The detector's input side in pixels.</param>
/// <param name="Fill">The share of that side the image's longer side takes: 1 for face-api's input, less for the downscaled pass.</param>
public readonly record struct DetectorPass(int InputSize, double Fill)
{
    /// <summary>What a detector input size must be.</summary>
    public const string InputSizeRule = "The input size must be a multiple of 32 between 32 and 2048.";

    /// <summary>Whether <paramref name="size"/> is a detector input size (a multiple of 32 in [32, 2048]: the net's grid is size / 32).</summary>
    public static bool IsInputSize(int size) => size >= 32 && size % 32 == 0 && size <= 2048;

    /// <summary>Throws when the input size breaks <see cref="InputSizeRule"/> or the fill is not in (0, 1].</summary>
    public void Validate()
    {
        if (!IsInputSize(InputSize))
        {
            throw new ArgumentOutOfRangeException(nameof(InputSize), InputSize, InputSizeRule);
        }

        if (!(Fill > 0 && Fill <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Fill), Fill, "A detector pass's fill must be in (0, 1].");
        }
    }
}
