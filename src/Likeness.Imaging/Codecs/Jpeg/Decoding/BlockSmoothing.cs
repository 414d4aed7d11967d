
namespace Likeness.Imaging.Codecs.Jpeg.Decoding;

/// <summary>
/// libjpeg-turbo 2.1's interblock smoothing of progressive images whose low AC coefficients are not all final
/// (djpeg's default): before the inverse DCT, each of the AC coefficients 1 to 9 (zig-zag) that is still zero and
/// not known to be exact is estimated from the 5x5 window of neighbouring DC values (<see cref="SmoothingKernels"/>),
/// capped below the smallest value its scan could have sent. The stored coefficients are left as they are, so
/// every estimate sees the decoded DC values only. Window edges, the rows past the point where a truncated scan
/// stopped, and which coefficients count as unknown all follow libjpeg's bookkeeping exactly, quirks included,
/// because the goal is djpeg's pixels.
/// </summary>
internal sealed class BlockSmoothing
{
    private const int Window = 5;
    private const int Estimated = ProgressionTracker.SmoothedCoefficients - 1;

    private readonly JpegFrame _frame;
    private readonly int[][] _current;
    private readonly int[][] _beforeLatest;
    private readonly int[][] _columnTaps;
    private readonly int _lastGoodImcuRow;

    private BlockSmoothing(JpegFrame frame, ProgressionTracker progression)
    {
        _frame = frame;
        JpegComponent[] components = frame.Components;
        _current = [.. components.Select(c => progression.StartedBits(c.Index).ToArray())];
        _beforeLatest = [.. components.Select(c => progression.BitsBeforeLatest(c.Index).ToArray())];
        _columnTaps = [.. components.Select(c => ColumnTaps(c.BlocksWide))];
        _lastGoodImcuRow = progression.LastGoodImcuRow;
    }

    /// <summary>
    /// The smoothing djpeg would apply to this image, or null when it applies none: every component must have
    /// some DC data and non-zero quantisers for the coefficients involved, and some coefficient 1 to 9 of some
    /// component must still be short of full precision.
    /// </summary>
    public static BlockSmoothing? For(JpegFrame frame, ProgressionTracker? progression)
    {
        if (!frame.Progressive || progression is null)
        {
            return null;
        }

        ReadOnlySpan<byte> zigzag = JpegConstants.ZigZagToNatural;
        bool useful = false;
        foreach (JpegComponent c in frame.Components)
        {
            ReadOnlySpan<int> bits = progression.StartedBits(c.Index);
            if (c.Quant is not { } quant || bits[0] < 0)
            {
                return null;
            }

            for (int k = 0; k <= Estimated; k++)
            {
                if (quant[zigzag[k]] == 0)
                {
                    return null;
                }
            }

            useful |= bits[1..].ContainsAnyExcept(0);
        }

        return useful ? new BlockSmoothing(frame, progression) : null;
    }

    /// <summary>Smooths and inverse-transforms block row <paramref name="row"/> of component <paramref name="c"/>.</summary>
    /// <param name="c">The component.</param>
    /// <param name="coefs">The component's coefficients, <see cref="JpegComponent.StrideBlocks"/> blocks a row.</param>
    /// <param name="row">The block row.</param>
    /// <param name="output">Where the row's first sample goes.</param>
    /// <param name="stride">Bytes per sample row of <paramref name="output"/>.</param>
    public void TransformRow(JpegComponent c, ReadOnlySpan<short> coefs, int row, Span<byte> output, int stride)
    {
        int imcuRow = row / c.V;
        Span<int> rows = stackalloc int[Window];
        WindowRows(c, row, rows);
        ReadOnlySpan<int> bits = imcuRow > _lastGoodImcuRow ? _beforeLatest[c.Index] : _current[c.Index];
        bool dcOnly = !bits[1..].ContainsAnyExcept(-1);
        ReadOnlySpan<sbyte> kernels = dcOnly ? SmoothingKernels.DcOnly : SmoothingKernels.WithAc;
        int[] quant = c.Quant!;
        int[] taps = _columnTaps[c.Index];
        ReadOnlySpan<byte> zigzag = JpegConstants.ZigZagToNatural;
        Span<int> dc = stackalloc int[SmoothingKernels.Cells];
        Span<short> block = stackalloc short[64];
        for (int col = 0; col < c.BlocksWide; col++)
        {
            for (int y = 0; y < Window; y++)
            {
                int rowStart = rows[y] * c.StrideBlocks;
                for (int x = 0; x < Window; x++)
                {
                    dc[(y * Window) + x] = coefs[(rowStart + taps[(col * Window) + x]) * 64];
                }
            }

            coefs.Slice(((row * c.StrideBlocks) + col) * 64, 64).CopyTo(block);
            for (int k = 1; k <= Estimated; k++)
            {
                int n = zigzag[k];
                if (bits[k] != 0 && block[n] == 0)
                {
                    int weighted = Dot(kernels.Slice((k - 1) * SmoothingKernels.Cells, SmoothingKernels.Cells), dc);
                    block[n] = Estimate(quant[0] * weighted, quant[n], bits[k]);
                }
            }

            if (dcOnly)
            {
                int sum = Dot(SmoothingKernels.DcAverage, dc);
                int half = SmoothingKernels.DcScale / 2;
                block[0] = (short)(sum >= 0 ? (sum + half) / SmoothingKernels.DcScale : -((half - sum) / SmoothingKernels.DcScale));
            }

            JpegIdct.Transform(block, quant, output[(col * 8)..], stride);
        }
    }

    /// <summary>
    /// weighted / (256 × q) rounded half away from zero, its magnitude capped at 2^al - 1 (below the first
    /// value the scan that set al could have sent) when the coefficient has been sent at reduced precision.
    /// </summary>
    private static short Estimate(int weighted, int q, int al)
    {
        int magnitude = ((q << 7) + Math.Abs(weighted)) / (q << 8);
        if (al > 0 && magnitude >= 1 << al)
        {
            magnitude = (1 << al) - 1;
        }

        return (short)(weighted < 0 ? -magnitude : magnitude);
    }

    private static int Dot(ReadOnlySpan<sbyte> weights, ReadOnlySpan<int> values)
    {
        int sum = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            sum += weights[i] * values[i];
        }

        return sum;
    }

    /// <summary>
    /// The block rows of the window around <paramref name="row"/>, as libjpeg picks them: the neighbours it can
    /// see within the iMCU rows it keeps in view (the one before, the one after, two of each away from the
    /// image's ends), else the nearer row again.
    /// </summary>
    private void WindowRows(JpegComponent c, int row, Span<int> rows)
    {
        int v = c.V;
        int imcuRow = row / v;
        int inRow = row % v;
        int lastImcuRow = _frame.McusHigh - 1;
        int blockRows = imcuRow < lastImcuRow || c.BlocksHigh % v == 0 ? v : c.BlocksHigh % v;
        rows[2] = row;
        rows[1] = inRow > 0 || imcuRow > 0 ? row - 1 : row;
        rows[0] = inRow > 1 || imcuRow > 1 ? row - 2 : rows[1];
        rows[3] = inRow < blockRows - 1 || imcuRow < lastImcuRow ? row + 1 : row;
        rows[4] = inRow < blockRows - 2 || imcuRow + 1 < lastImcuRow ? row + 2 : rows[3];
    }

    /// <summary>
    /// For each block column, the five columns its window reads. libjpeg slides a five-wide register along the
    /// row, loading the column two ahead while it exists; at the start it loads the column one ahead too. This
    /// repeats the edge column at both ends, except in a row two blocks wide, which it reproduces as well.
    /// </summary>
    private static int[] ColumnTaps(int blocksWide)
    {
        int last = blocksWide - 1;
        int[] taps = new int[blocksWide * Window];
        Span<int> register = stackalloc int[Window];
        for (int col = 0; col < blocksWide; col++)
        {
            if (col == 0 && col < last)
            {
                register[3] = 1;
            }

            if (col + 1 < last)
            {
                register[4] = col + 2;
            }

            register.CopyTo(taps.AsSpan(col * Window, Window));
            register[1..].CopyTo(register);
        }

        return taps;
    }
}
