namespace Likeness.Imaging.Statistics;

/// <summary>Exposure and sharpness of a region of an image, on its luma (BT.601 weights).</summary>
/// <param name="MeanLuma">Mean luma, 0 to 255.</param>
/// <param name="ClippedFraction">Share of pixels at 16 or below or 240 or above (crushed shadows, blown highlights).</param>
/// <param name="Sharpness">Variance of the 4-neighbour Laplacian of luma: low for blur (motion, focus), high for detail.</param>
public readonly record struct RegionStatistics(double MeanLuma, double ClippedFraction, double Sharpness)
{
    /// <summary>Measures the part of <paramref name="image"/> inside the rectangle (clipped to the image; at least 3x3 pixels).</summary>
    /// <exception cref="ArgumentException">The rectangle leaves less than 3x3 pixels inside the image.</exception>
    public static RegionStatistics Measure(Image image, int x, int y, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(image);
        int x0 = Math.Max(0, x), y0 = Math.Max(0, y);
        int x1 = Math.Min(image.Width, x + width), y1 = Math.Min(image.Height, y + height);
        int w = x1 - x0, h = y1 - y0;
        if (w < 3 || h < 3)
        {
            throw new ArgumentException($"The region {x},{y} {width}x{height} leaves less than 3x3 pixels inside the {image.Width}x{image.Height} image.");
        }

        float[] luma = new float[w * h];
        int bpp = image.BytesPerPixel;
        long clipped = 0;
        double sum = 0;
        for (int row = 0; row < h; row++)
        {
            ReadOnlySpan<byte> pixels = image.GetRow(y0 + row).Slice(x0 * bpp, w * bpp);
            for (int col = 0; col < w; col++)
            {
                int p = col * bpp;
                float l = (0.299f * pixels[p]) + (0.587f * pixels[p + 1]) + (0.114f * pixels[p + 2]);
                luma[(row * w) + col] = l;
                sum += l;
                clipped += l is <= 16 or >= 240 ? 1 : 0;
            }
        }

        return new RegionStatistics(sum / luma.Length, (double)clipped / luma.Length, LaplacianVariance(luma, w, h));
    }

    private static double LaplacianVariance(float[] luma, int w, int h)
    {
        double sum = 0, squares = 0;
        int n = 0;
        for (int row = 1; row < h - 1; row++)
        {
            for (int col = 1; col < w - 1; col++)
            {
                int i = (row * w) + col;
                double lap = luma[i - 1] + luma[i + 1] + luma[i - w] + luma[i + w] - (4 * luma[i]);
                sum += lap;
                squares += lap * lap;
                n++;
            }
        }

        double mean = sum / n;
        return (squares / n) - (mean * mean);
    }
}
