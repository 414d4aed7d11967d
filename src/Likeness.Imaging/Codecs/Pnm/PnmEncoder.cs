using System.Text;

namespace Likeness.Imaging.Codecs.Pnm;

/// <summary>Writes binary PPM (P6, maxval 255). PPM has no alpha: RGBA images are written without it.</summary>
internal static class PnmEncoder
{
    public static void Encode(Image image, Stream output)
    {
        output.Write(Encoding.ASCII.GetBytes($"P6\n{image.Width} {image.Height}\n255\n"));
        if (image.Format == PixelFormat.Rgb24)
        {
            output.Write(image.Pixels);
            return;
        }

        byte[] row = new byte[image.Width * 3];
        for (int y = 0; y < image.Height; y++)
        {
            ReadOnlySpan<byte> src = image.GetRow(y);
            for (int x = 0; x < image.Width; x++)
            {
                row[x * 3] = src[x * 4];
                row[(x * 3) + 1] = src[(x * 4) + 1];
                row[(x * 3) + 2] = src[(x * 4) + 2];
            }

            output.Write(row);
        }
    }
}
