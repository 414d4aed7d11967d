using Likeness.Imaging;

namespace Likeness.Testing.Emulators.Tests.Fal;

/// <summary>Small synthetic photos: a coloured gradient whose hue tells which "person" it is.</summary>
internal static class FalTestImages
{
    public static byte[] Png(int width = 96, int height = 128, byte tint = 200)
    {
        var pixels = new byte[width * height * 3];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int i = ((y * width) + x) * 3;
                pixels[i] = tint;
                pixels[i + 1] = (byte)(x * 255 / width);
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
