using Likeness.Imaging;
using Likeness.Imaging.Color;

namespace Likeness.Providers.Sim;

/// <summary>The photographic effects the simulator uses to stand in for scenarios: light, blur, colour, backdrop.</summary>
internal static class SimEffects
{
    /// <summary>Low-key lighting: exposure down, a warm cast, and a vignette that darkens the corners.</summary>
    public static void LowKey(Image image, double exposure)
    {
        double cx = image.Width / 2.0, cy = image.Height / 2.0;
        double maxR2 = (cx * cx) + (cy * cy);
        int bpp = image.BytesPerPixel;
        for (int y = 0; y < image.Height; y++)
        {
            Span<byte> row = image.GetRow(y);
            double dy2 = (y - cy) * (y - cy);
            for (int x = 0; x < image.Width; x++)
            {
                double r2 = (((x - cx) * (x - cx)) + dy2) / maxR2;
                double gain = exposure * (1 - (0.75 * r2));
                int o = x * bpp;
                row[o] = Scale(row[o], gain * 1.10);
                row[o + 1] = Scale(row[o + 1], gain * 0.95);
                row[o + 2] = Scale(row[o + 2], gain * 0.80);
            }
        }
    }

    /// <summary>Multiplies every channel by <paramref name="gain"/>.</summary>
    public static void Exposure(Image image, double gain)
    {
        Span<byte> pixels = image.Pixels;
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = Scale(pixels[i], gain);
        }
    }

    /// <summary>Black and white, with Pillow's luma.</summary>
    public static void Monochrome(Image image)
    {
        Span<byte> pixels = image.Pixels;
        int bpp = image.BytesPerPixel;
        for (int i = 0; i + 2 < pixels.Length; i += bpp)
        {
            byte l = Grayscale.Luma(pixels[i], pixels[i + 1], pixels[i + 2]);
            pixels[i] = pixels[i + 1] = pixels[i + 2] = l;
        }
    }

    /// <summary>Horizontal motion blur: a running box average over <paramref name="length"/> pixels.</summary>
    public static Image MotionBlur(Image source, int length)
    {
        Image result = Image.Create(source.Width, source.Height, source.Format);
        int bpp = source.BytesPerPixel, w = source.Width, half = length / 2;
        Span<int> sums = stackalloc int[4];
        for (int y = 0; y < source.Height; y++)
        {
            ReadOnlySpan<byte> src = source.GetRow(y);
            Span<byte> dst = result.GetRow(y);
            sums.Clear();
            for (int k = -half; k <= half; k++)
            {
                int x = Math.Clamp(k, 0, w - 1);
                for (int c = 0; c < bpp; c++)
                {
                    sums[c] += src[(x * bpp) + c];
                }
            }

            for (int x = 0; x < w; x++)
            {
                for (int c = 0; c < bpp; c++)
                {
                    dst[(x * bpp) + c] = (byte)(sums[c] / ((2 * half) + 1));
                    sums[c] += src[(Math.Min(x + half + 1, w - 1) * bpp) + c] - src[(Math.Max(x - half, 0) * bpp) + c];
                }
            }
        }

        return result;
    }

    /// <summary>An outdoor backdrop: sky gradient over a grassy ground with noise, so a placed figure reads as "wide, outdoors".</summary>
    public static Image OutdoorBackdrop(int width, int height, Random random)
    {
        Image image = Image.Create(width, height, PixelFormat.Rgb24);
        int horizon = (int)(height * (0.55 + (0.1 * random.NextDouble())));
        for (int y = 0; y < height; y++)
        {
            Span<byte> row = image.GetRow(y);
            for (int x = 0; x < width; x++)
            {
                int noise = random.Next(-12, 13);
                (int r, int g, int b) = y < horizon
                    ? (110 + (y * 90 / horizon), 160 + (y * 60 / horizon), 235)
                    : (70, 120 - ((y - horizon) * 30 / Math.Max(1, height - horizon)), 55);
                row[x * 3] = (byte)Math.Clamp(r + noise, 0, 255);
                row[(x * 3) + 1] = (byte)Math.Clamp(g + noise, 0, 255);
                row[(x * 3) + 2] = (byte)Math.Clamp(b + noise, 0, 255);
            }
        }

        return image;
    }

    /// <summary>Copies <paramref name="figure"/> onto <paramref name="canvas"/> at (x, y), clipped to the canvas.</summary>
    public static void Place(Image canvas, Image figure, int x, int y)
    {
        int bpp = canvas.BytesPerPixel;
        for (int row = 0; row < figure.Height; row++)
        {
            int cy = y + row;
            if (cy < 0 || cy >= canvas.Height)
            {
                continue;
            }

            int left = Math.Max(0, x), right = Math.Min(canvas.Width, x + figure.Width);
            if (right <= left)
            {
                return;
            }

            figure.GetRow(row).Slice((left - x) * bpp, (right - left) * bpp).CopyTo(canvas.GetRow(cy).Slice(left * bpp));
        }
    }

    private static byte Scale(byte value, double gain) => (byte)Math.Clamp((int)((value * gain) + 0.5), 0, 255);
}
