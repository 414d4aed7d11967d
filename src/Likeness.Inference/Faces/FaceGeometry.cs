namespace Likeness.Inference.Faces;

/// <summary>A rectangle in image pixels (double, unclipped: may extend past the image).</summary>
/// <param name="X">Left edge.</param>
/// <param name="Y">Top edge.</param>
/// <param name="Width">Width.</param>
/// <param name="Height">Height.</param>
public readonly record struct FaceBox(double X, double Y, double Width, double Height)
{
    /// <summary>Right edge.</summary>
    public double Right => X + Width;

    /// <summary>Bottom edge.</summary>
    public double Bottom => Y + Height;

    /// <summary>
    /// face-api's <c>clipAtImageBorders</c> followed by flooring each of x, y, width, height: the integer region
    /// that is actually cut out of the image.
    /// </summary>
    public PixelRect ClipToImage(int imageWidth, int imageHeight)
    {
        double x = Math.Max(X, 0), y = Math.Max(Y, 0);
        double w = Math.Min(Right - x, imageWidth - x);
        double h = Math.Min(Bottom - y, imageHeight - y);
        return new PixelRect((int)Math.Floor(x), (int)Math.Floor(y), (int)Math.Floor(w), (int)Math.Floor(h));
    }
}

/// <summary>An integer pixel region.</summary>
/// <param name="X">Left column.</param>
/// <param name="Y">Top row.</param>
/// <param name="Width">Columns.</param>
/// <param name="Height">Rows.</param>
public readonly record struct PixelRect(int X, int Y, int Width, int Height);

/// <summary>A point in image pixels.</summary>
/// <param name="X">Column coordinate.</param>
/// <param name="Y">Row coordinate.</param>
public readonly record struct FacePoint(double X, double Y);
