namespace Likeness.Imaging.Codecs.Png;

/// <summary>
/// The encoder's side of the row filters, with libpng's adaptive choice: try all five and keep the one whose
/// output has the smallest sum of absolute values (bytes read as signed), which deflate tends to compress best.
/// </summary>
internal static class PngRowFilter
{
    private const int FilterCount = 5;

    /// <summary>Bytes of scratch <see cref="ChooseAndApply"/> needs for rows of <paramref name="rowBytes"/> bytes.</summary>
    public static int ScratchLength(int rowBytes) => FilterCount * (rowBytes + 1);

    /// <summary>
    /// Filters <paramref name="row"/> every way into <paramref name="scratch"/> and returns the best, led by its
    /// filter-type byte. <paramref name="previous"/> is the row above (zeros for the first row).
    /// </summary>
    public static ReadOnlySpan<byte> ChooseAndApply(ReadOnlySpan<byte> row, ReadOnlySpan<byte> previous, int bpp, Span<byte> scratch)
    {
        int length = row.Length + 1;
        ReadOnlySpan<byte> best = default;
        long bestCost = long.MaxValue;
        for (int type = 0; type < FilterCount; type++)
        {
            Span<byte> candidate = scratch.Slice(type * length, length);
            candidate[0] = (byte)type;
            Apply((PngFilterType)type, row, previous, bpp, candidate[1..]);
            long cost = SignedMagnitude(candidate[1..]);
            if (cost < bestCost)
            {
                bestCost = cost;
                best = candidate;
            }
        }

        return best;
    }

    /// <summary>Writes the <paramref name="type"/>-filtered <paramref name="row"/> to <paramref name="output"/> (same length).</summary>
    public static void Apply(PngFilterType type, ReadOnlySpan<byte> row, ReadOnlySpan<byte> previous, int bpp, Span<byte> output)
    {
        output = output[..row.Length];
        previous = previous[..row.Length];
        switch (type)
        {
            case PngFilterType.None:
                row.CopyTo(output);
                break;
            case PngFilterType.Sub:
                for (int i = 0; i < row.Length; i++)
                {
                    output[i] = (byte)(row[i] - (i >= bpp ? row[i - bpp] : 0));
                }

                break;
            case PngFilterType.Up:
                for (int i = 0; i < row.Length; i++)
                {
                    output[i] = (byte)(row[i] - previous[i]);
                }

                break;
            case PngFilterType.Average:
                for (int i = 0; i < row.Length; i++)
                {
                    output[i] = (byte)(row[i] - (((i >= bpp ? row[i - bpp] : 0) + previous[i]) >> 1));
                }

                break;
            default:
                for (int i = 0; i < row.Length; i++)
                {
                    output[i] = i >= bpp
                        ? (byte)(row[i] - PngUnfilter.PaethPredictor(row[i - bpp], previous[i], previous[i - bpp]))
                        : (byte)(row[i] - previous[i]);
                }

                break;
        }
    }

    /// <summary>Σ |(sbyte)b|: how far the filtered bytes are from zero.</summary>
    public static long SignedMagnitude(ReadOnlySpan<byte> filtered)
    {
        long sum = 0;
        foreach (byte b in filtered)
        {
            sum += b < 128 ? b : 256 - b;
        }

        return sum;
    }
}
