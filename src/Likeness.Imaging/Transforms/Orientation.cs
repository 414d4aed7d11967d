namespace Likeness.Imaging.Transforms;

/// <summary>Applies an EXIF orientation tag (1 to 8) so the image shows upright, as PIL's <c>exif_transpose</c> does.</summary>
public static class Orientation
{
    /// <summary>Returns a new upright image; orientation 1 (or an unknown value) returns a copy.</summary>
    public static Image Apply(Image image, int exifOrientation) =>
        MapOf(exifOrientation) is { } map ? Geometry.Remap(image, map) : image.Clone();

    /// <summary>
    /// How an orientation turns the stored pixels (2 flips left to right, 3 turns half a turn, 4 flips top to bottom,
    /// 5 transposes, 6 turns a quarter clockwise, 7 transverses, 8 turns a quarter counter-clockwise); null for 1 or an
    /// unknown value (nothing to do). The one table behind the whole-image turn and the row reader's.
    /// </summary>
    internal static PixelMap? MapOf(int exifOrientation) => exifOrientation switch
    {
        2 => Geometry.FlipHorizontalMap,
        3 => Geometry.Rotate180Map,
        4 => Geometry.FlipVerticalMap,
        5 => Geometry.TransposeMap,
        6 => Geometry.Rotate90Map,
        7 => Geometry.TransverseMap,
        8 => Geometry.Rotate270Map,
        _ => null,
    };
}
