namespace Likeness.Imaging.Transforms;

/// <summary>Applies an EXIF orientation tag (1 to 8) so the image shows upright, as PIL's <c>exif_transpose</c> does.</summary>
public static class Orientation
{
    /// <summary>Returns a new upright image; orientation 1 (or an unknown value) returns a copy.</summary>
    public static Image Apply(Image image, int exifOrientation) => exifOrientation switch
    {
        2 => Geometry.FlipHorizontal(image),
        3 => Geometry.Rotate180(image),
        4 => Geometry.FlipVertical(image),
        5 => Geometry.Transpose(image),
        6 => Geometry.Rotate90(image),
        7 => Geometry.Transverse(image),
        8 => Geometry.Rotate270(image),
        _ => image.Clone(),
    };
}
