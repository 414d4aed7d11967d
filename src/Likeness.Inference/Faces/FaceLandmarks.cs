namespace Likeness.Inference.Faces;

/// <summary>The 68 landmarks of a face and the integer crop the landmark net saw.</summary>
/// <param name="Points">68 points in image pixels.</param>
/// <param name="Crop">The region of the image that was cut out for the landmark net.</param>
public sealed record FaceLandmarks(IReadOnlyList<FacePoint> Points, PixelRect Crop)
{
    /// <summary>Mean of points 36-41 (the first eye in iBUG order, on the image's left).</summary>
    public FacePoint LeftEye => Center(36, 6);

    /// <summary>Mean of points 42-47.</summary>
    public FacePoint RightEye => Center(42, 6);

    /// <summary>Mean of points 48-67.</summary>
    public FacePoint Mouth => Center(48, 20);

    /// <summary>face-api's <c>getCenterPoint</c>: sum in order, then divide.</summary>
    internal static FacePoint Mean(ReadOnlySpan<FacePoint> points)
    {
        double x = 0, y = 0;
        foreach (FacePoint p in points)
        {
            x += p.X;
            y += p.Y;
        }

        return new FacePoint(x / points.Length, y / points.Length);
    }

    private FacePoint Center(int start, int count)
    {
        Span<FacePoint> span = stackalloc FacePoint[count];
        for (int i = 0; i < count; i++)
        {
            span[i] = Points[start + i];
        }

        return Mean(span);
    }
}
