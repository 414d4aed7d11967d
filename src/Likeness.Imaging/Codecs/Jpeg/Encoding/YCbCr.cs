namespace Likeness.Imaging.Codecs.Jpeg.Encoding;

/// <summary>
/// libjpeg's RGB to YCbCr (<c>jccolor.c</c>, JFIF / ITU-R 601 full range) in 16-bit fixed point; Cb and Cr round
/// with 0.5 - epsilon so 255 never overflows.
/// </summary>
internal static class YCbCr
{
    private const int ScaleBits = 16;
    private const int OneHalf = 1 << (ScaleBits - 1);
    private const int ChromaOffset = 128 << ScaleBits;

    /// <summary>
    /// Converts <c>rgb.Length / 3</c> pixels into <paramref name="y"/>, <paramref name="cb"/> and
    /// <paramref name="cr"/>, then repeats the last pixel's values up to the destinations' length (libjpeg's
    /// right-edge replication).
    /// </summary>
    public static void ConvertRow(ReadOnlySpan<byte> rgb, Span<int> y, Span<int> cb, Span<int> cr)
    {
        int width = rgb.Length / 3;
        for (int x = 0; x < width; x++)
        {
            int r = rgb[3 * x];
            int g = rgb[(3 * x) + 1];
            int b = rgb[(3 * x) + 2];
            y[x] = ((19595 * r) + (38470 * g) + (7471 * b) + OneHalf) >> ScaleBits;
            cb[x] = ((-11059 * r) - (21709 * g) + (32768 * b) + ChromaOffset + OneHalf - 1) >> ScaleBits;
            cr[x] = ((32768 * r) - (27439 * g) - (5329 * b) + ChromaOffset + OneHalf - 1) >> ScaleBits;
        }

        y[width..].Fill(y[width - 1]);
        cb[width..].Fill(cb[width - 1]);
        cr[width..].Fill(cr[width - 1]);
    }

    /// <summary>
    /// libjpeg's <c>h2v2_downsample</c>: each output sample is the mean of a 2x2 input square, rounded with a bias
    /// alternating 1, 2, 1, 2 along the row so rounding errors do not accumulate in one direction.
    /// </summary>
    public static void Downsample2x2(ReadOnlySpan<int> row0, ReadOnlySpan<int> row1, Span<int> destination)
    {
        int bias = 1;
        for (int x = 0; x < destination.Length; x++)
        {
            destination[x] = (row0[2 * x] + row0[(2 * x) + 1] + row1[2 * x] + row1[(2 * x) + 1] + bias) >> 2;
            bias ^= 3;
        }
    }
}
