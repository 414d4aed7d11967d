namespace Likeness.Imaging.Resampling;

/// <summary>
/// The source region to resample, in source pixel coordinates (Pillow's <c>box</c> argument): fractional edges
/// are allowed, and the filter still reads real pixels outside the box near its edges, unlike crop-then-resize.
/// </summary>
/// <param name="Left">Left edge.</param>
/// <param name="Top">Top edge.</param>
/// <param name="Right">Right edge (exclusive); greater than <paramref name="Left"/>.</param>
/// <param name="Bottom">Bottom edge (exclusive); greater than <paramref name="Top"/>.</param>
public readonly record struct ResampleBox(float Left, float Top, float Right, float Bottom)
{
    /// <summary>The whole of a <paramref name="width"/> x <paramref name="height"/> image.</summary>
    public static ResampleBox Whole(int width, int height) => new(0, 0, width, height);
}
