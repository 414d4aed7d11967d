using Likeness.Imaging.Codecs.WebP.Lossless;

namespace Likeness.Imaging.Codecs.WebP;

/// <summary>
/// Decodes the ALPH chunk of an extended lossy WebP: one header byte (compression, filter, pre-processing), then
/// the alpha plane either raw or as a headerless VP8L image whose green channel holds it, then undoes the
/// horizontal, vertical or gradient prediction filter exactly as libwebp's unfilters do.
/// </summary>
internal static class WebPAlpha
{
    private const int MethodRaw = 0;
    private const int MethodLossless = 1;

    /// <summary>The alpha plane, <paramref name="width"/> × <paramref name="height"/> bytes.</summary>
    public static byte[] Decode(ReadOnlySpan<byte> chunk, int width, int height, long memoryBudget)
    {
        if (chunk.Length < 1)
        {
            throw InvalidImageException.Corrupt("The WebP ALPH chunk is empty.");
        }

        int method = chunk[0] & 3;
        int filter = (chunk[0] >> 2) & 3;
        int preprocessing = (chunk[0] >> 4) & 3;
        int reserved = chunk[0] >> 6;
        if (method > MethodLossless || preprocessing > 1 || reserved != 0)
        {
            throw InvalidImageException.Corrupt(
                $"The WebP ALPH header (0x{chunk[0]:X2}) has an unknown compression method, pre-processing or reserved bits.");
        }

        ReadOnlySpan<byte> body = chunk[1..];
        int count = width * height;
        var alpha = new byte[count];
        if (method == MethodRaw)
        {
            if (body.Length < count)
            {
                throw InvalidImageException.Truncated($"The WebP raw alpha is {body.Length:N0} bytes; {count:N0} are needed.");
            }

            body[..count].CopyTo(alpha);
        }
        else
        {
            uint[] argb = Vp8LDecoder.DecodeImageStream(body, width, height, memoryBudget);
            for (int i = 0; i < count; i++)
            {
                alpha[i] = (byte)(argb[i] >> 8);
            }
        }

        Unfilter(alpha, width, height, filter);
        return alpha;
    }

    /// <summary>Undoes prediction filter 1 (from the left), 2 (from above) or 3 (gradient), row by row in place.</summary>
    private static void Unfilter(byte[] alpha, int width, int height, int filter)
    {
        if (filter == 0)
        {
            return;
        }

        for (int y = 0; y < height; y++)
        {
            Span<byte> row = alpha.AsSpan(y * width, width);
            if (y == 0)
            {
                // The first row has nothing above: every filter predicts from the left, starting at 0.
                FromLeft(row, 0);
                continue;
            }

            ReadOnlySpan<byte> prev = alpha.AsSpan((y - 1) * width, width);
            switch (filter)
            {
                case 1:
                    FromLeft(row, prev[0]);
                    break;
                case 2:
                    for (int x = 0; x < width; x++)
                    {
                        row[x] += prev[x];
                    }

                    break;
                default:
                    int left = prev[0], topLeft = prev[0];
                    for (int x = 0; x < width; x++)
                    {
                        int top = prev[x];
                        int g = left + top - topLeft;
                        int predicted = (g & ~0xFF) == 0 ? g : g < 0 ? 0 : 255;
                        left = (byte)(row[x] + predicted);
                        topLeft = top;
                        row[x] = (byte)left;
                    }

                    break;
            }
        }
    }

    private static void FromLeft(Span<byte> row, byte start)
    {
        byte predicted = start;
        for (int x = 0; x < row.Length; x++)
        {
            predicted += row[x];
            row[x] = predicted;
        }
    }
}
