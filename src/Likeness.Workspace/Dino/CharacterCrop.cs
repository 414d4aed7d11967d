using Likeness.Core.Scoring;

namespace Likeness.Workspace.Dino;

/// <summary>
/// The region of a frame that shows the character, for DINO-I on the character rather than the scene: the face box
/// grown to the body (3 face widths wide around the face's centre, from half a face above it to 6 face heights
/// below its top), clamped to the frame; the whole frame when no face was found.
/// </summary>
public static class CharacterCrop
{
    /// <summary>Face widths across the crop.</summary>
    public const double Widths = 3;

    /// <summary>Face heights the crop reaches below the face's top.</summary>
    public const double HeightsBelow = 6;

    /// <summary>Face heights kept above the face's top (hair, hats).</summary>
    public const double HeightsAbove = 0.5;

    /// <summary>The crop in whole pixels inside a <paramref name="width"/> × <paramref name="height"/> frame.</summary>
    public static (int X, int Y, int Width, int Height) For(int width, int height, FaceBox? face)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (face is not { Width: > 0, Height: > 0 } f)
        {
            return (0, 0, width, height);
        }

        double centre = f.X + (f.Width / 2);
        int left = Clamp(centre - (Widths * f.Width / 2), width - 1);
        int right = Clamp(centre + (Widths * f.Width / 2), width);
        int top = Clamp(f.Y - (HeightsAbove * f.Height), height - 1);
        int bottom = Clamp(f.Y + (HeightsBelow * f.Height), height);
        return (left, top, Math.Max(1, right - left), Math.Max(1, bottom - top));
    }

    private static int Clamp(double value, int max) => (int)Math.Clamp(Math.Round(value), 0, max);
}
