using Likeness.Imaging;

namespace Likeness.Workspace.Tests.Dino.Claims;

/// <summary>Filled shapes on RGB images, for the hidden-face set: masks over faces and a cartoon character drawn from shapes.</summary>
internal static class Drawing
{
    public readonly record struct Rgb(byte R, byte G, byte B);

    public static Image Canvas(int width, int height, Rgb background)
    {
        Image image = Image.Create(width, height, PixelFormat.Rgb24);
        FillRectangle(image, 0, 0, width, height, background);
        return image;
    }

    public static void FillRectangle(Image image, double x, double y, double width, double height, Rgb colour) =>
        Fill(image, (px, py) => px >= x && px < x + width && py >= y && py < y + height, colour);

    public static void FillEllipse(Image image, double cx, double cy, double rx, double ry, Rgb colour) =>
        Fill(image, (px, py) => (((px - cx) / rx) * ((px - cx) / rx)) + (((py - cy) / ry) * ((py - cy) / ry)) <= 1, colour);

    /// <summary>A triangle with its apex at (<paramref name="cx"/>, <paramref name="top"/>) and its base at <paramref name="bottom"/>.</summary>
    public static void FillTriangle(Image image, double cx, double top, double bottom, double halfBase, Rgb colour) =>
        Fill(image, (px, py) => py >= top && py <= bottom && Math.Abs(px - cx) <= halfBase * (py - top) / (bottom - top), colour);

    private static void Fill(Image image, Func<double, double, bool> inside, Rgb colour)
    {
        int bpp = image.BytesPerPixel;
        for (int y = 0; y < image.Height; y++)
        {
            Span<byte> row = image.GetRow(y);
            for (int x = 0; x < image.Width; x++)
            {
                if (inside(x + 0.5, y + 0.5))
                {
                    row[x * bpp] = colour.R;
                    row[(x * bpp) + 1] = colour.G;
                    row[(x * bpp) + 2] = colour.B;
                }
            }
        }
    }
}
