namespace Likeness.Imaging.Rows;

/// <summary>Moves single pixels between rows, for the reads that gather rows from pixels stored elsewhere.</summary>
internal static class PixelCopy
{
    /// <summary>One pixel's bytes (a span copy per 3- or 4-byte pixel costs more than the bytes themselves).</summary>
    public static void One(ReadOnlySpan<byte> source, int from, Span<byte> destination, int to, int bpp)
    {
        for (int b = 0; b < bpp; b++)
        {
            destination[to + b] = source[from + b];
        }
    }
}
