using Likeness.Imaging;

namespace Likeness.Testing.Emulators.Tests.Fal;

/// <summary>Small synthetic photos: a coloured gradient whose hue tells which "person" it is.</summary>
internal static class FalTestImages
{
    /// <summary>A gradient photo; <paramref name="noisy"/> adds seeded grain so its renders do not compress away.</summary>
    public static byte[] Png(int width = 96, int height = 128, byte tint = 200, bool noisy = false)
    {
        var pixels = new byte[width * height * 3];
        var grain = new Random(width + height);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int i = ((y * width) + x) * 3;
                pixels[i] = tint;
                pixels[i + 1] = (byte)((x * 200 / width) + (noisy ? grain.Next(55) : 0));
                pixels[i + 2] = (byte)(y * 255 / height);
            }
        }

        using Image image = Image.FromPixels(width, height, PixelFormat.Rgb24, pixels);
        return ImageEncoder.EncodeToBytes(image, ImageFormat.Png);
    }

    /// <summary>The mean red value of an encoded image (which source tint it was rendered from).</summary>
    public static double MeanRed(byte[] encoded)
    {
        using DecodedImage decoded = ImageDecoder.Decode(encoded);
        using Image rgb = decoded.Image.Format == PixelFormat.Rgb24 ? decoded.Image.Clone() : decoded.Image.ConvertTo(PixelFormat.Rgb24);
        long sum = 0;
        ReadOnlySpan<byte> pixels = rgb.Pixels;
        for (int i = 0; i < pixels.Length; i += 3)
        {
            sum += pixels[i];
        }

        return sum / (pixels.Length / 3.0);
    }
}
