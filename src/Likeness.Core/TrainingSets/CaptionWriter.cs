using Likeness.Core.Scoring;
using Likeness.Imaging.Statistics;

namespace Likeness.Core.TrainingSets;

/// <summary>
/// Writes a training caption from what was measured: the trigger first, then only what varies from image to image
/// (shot size from the face's height in the frame, the head's angle, the light on the face, the background's colour,
/// and CLIP labels when there are any). Fixed traits of the character are never written, so the identity binds to the
/// trigger and not to a phrase (shared/reference/evaluation.md §4, PortOS#1320).
/// </summary>
public static class CaptionWriter
{
    /// <summary>The caption of one measured image.</summary>
    public static string Write(string trigger, TrainingImageFacts image)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(trigger);
        ArgumentNullException.ThrowIfNull(image);
        var parts = new List<string> { trigger };
        if (image.Face is { } face)
        {
            parts.Add(ShotSize(face.Height / image.Height));
            if (image.Turn is { } turn)
            {
                parts.Add(Angle(turn));
            }

            if (image.FaceLuma is { } luma)
            {
                parts.Add(FaceLighting.Label(luma) switch { "dark" => "low-key light", "bright" => "bright light", _ => "even light" });
            }
        }

        if (image.Background is { } background)
        {
            parts.Add(ColourName(background) + " background");
        }

        parts.AddRange(image.Labels);
        return string.Join(", ", parts);
    }

    /// <summary>Shot size from the face's height as a share of the image's height.</summary>
    public static string ShotSize(double faceHeightFraction) => faceHeightFraction switch
    {
        >= 0.4 => "close-up",
        >= 0.2 => "head and shoulders",
        >= 0.1 => "medium shot",
        _ => "full-body shot",
    };

    private static string Angle(double turn) => HeadPoses.Of(turn) switch
    {
        HeadPose.Frontal => "facing the camera",
        HeadPose.ThreeQuarter => turn < 0 ? "three-quarter view turned left" : "three-quarter view turned right",
        _ => turn < 0 ? "profile facing left" : "profile facing right",
    };

    /// <summary>A plain colour name: greys by lightness when unsaturated, else the hue, darkened or lightened.</summary>
    public static string ColourName(BorderColour colour)
    {
        double r = colour.R / 255, g = colour.G / 255, b = colour.B / 255;
        double max = Math.Max(r, Math.Max(g, b)), min = Math.Min(r, Math.Min(g, b));
        double saturation = max <= 0 ? 0 : (max - min) / max;
        if (saturation < 0.2 || max - min < 0.08)
        {
            return max switch { < 0.15 => "black", < 0.4 => "dark grey", < 0.7 => "grey", < 0.9 => "light grey", _ => "white" };
        }

        double hue = max == r ? 60 * (((g - b) / (max - min) + 6) % 6) : max == g ? 60 * (((b - r) / (max - min)) + 2) : 60 * (((r - g) / (max - min)) + 4);
        string name = hue switch
        {
            < 15 or >= 345 => "red",
            < 40 => max < 0.6 ? "brown" : "orange",
            < 70 => "yellow",
            < 160 => "green",
            < 200 => "teal",
            < 260 => "blue",
            < 300 => "purple",
            _ => "pink",
        };
        return max < 0.35 ? "dark " + name : name;
    }
}
