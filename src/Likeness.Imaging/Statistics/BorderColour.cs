namespace Likeness.Imaging.Statistics;

/// <summary>The mean colour of an image's border strips, which in a portrait is mostly background.</summary>
/// <param name="R">Mean red, 0 to 255.</param>
/// <param name="G">Mean green, 0 to 255.</param>
/// <param name="B">Mean blue, 0 to 255.</param>
public readonly record struct BorderColour(double R, double G, double B)
{
    /// <summary>Measures the strips <paramref name="fraction"/> of the width (left, right) and height (top) deep; the bottom is left out, where the body usually is.</summary>
    public static BorderColour Measure(Image image, double fraction = 0.06)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (!double.IsFinite(fraction) || fraction is <= 0 or > 0.5)
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The strip must be a share of the side above 0 and at most 0.5.");
        }

        int side = Math.Max(1, (int)(image.Width * fraction)), top = Math.Max(1, (int)(image.Height * fraction));
        int bpp = image.BytesPerPixel;
        double r = 0, g = 0, b = 0;
        long n = 0;
        for (int y = 0; y < image.Height; y++)
        {
            ReadOnlySpan<byte> row = image.GetRow(y);
            for (int x = 0; x < image.Width; x++)
            {
                if (y >= top && x >= side && x < image.Width - side)
                {
                    x = image.Width - side - 1;
                    continue;
                }

                int p = x * bpp;
                r += row[p];
                g += row[p + 1];
                b += row[p + 2];
                n++;
            }
        }

        return new BorderColour(r / n, g / n, b / n);
    }
}
