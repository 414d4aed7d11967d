namespace Likeness.Imaging.Codecs.WebP.Lossless;

/// <summary>The four VP8L transforms, kept as read so that they can be undone in reverse order.</summary>
internal enum Vp8LTransformType
{
    Predictor = 0,
    CrossColor = 1,
    SubtractGreen = 2,
    ColorIndexing = 3,
}

/// <summary>
/// One transform: its type, the width it applies to, its block size bits and its sub-image or palette. Each is undone
/// a row at a time (the predictor from the row above, which the caller keeps), so a whole decode and a read by rows
/// run the same code.
/// </summary>
internal sealed record Vp8LTransform(Vp8LTransformType Type, int Width, int Bits, uint[] Data)
{
    /// <summary>
    /// Undoes a predictor, cross-colour or subtract-green transform in place on row <paramref name="y"/>
    /// (<see cref="Width"/> pixels); the predictor reads <paramref name="above"/>, its own output for row y − 1.
    /// </summary>
    public void UndoRow(Span<uint> row, int y, ReadOnlySpan<uint> above)
    {
        switch (Type)
        {
            case Vp8LTransformType.Predictor:
                UndoPredictor(row, y, above);
                break;
            case Vp8LTransformType.CrossColor:
                UndoCrossColor(row, y);
                break;
            default:
                UndoSubtractGreen(row);
                break;
        }
    }

    /// <summary>Expands one row of palette indices (packed 1, 2, 4 or 8 to a pixel) into <see cref="Width"/> colours.</summary>
    public void ExpandRow(ReadOnlySpan<uint> packed, Span<uint> pixels)
    {
        int perPixel = 1 << Bits;
        int bitsPerIndex = 8 >> Bits;
        int mask = (1 << bitsPerIndex) - 1;
        for (int x = 0; x < Width; x++)
        {
            int green = (int)(packed[x >> Bits] >> 8) & 0xFF;
            int index = (green >> ((x & (perPixel - 1)) * bitsPerIndex)) & mask;
            // Indices past the palette read as transparent black, as libwebp's zero-padded palette does.
            pixels[x] = index < Data.Length ? Data[index] : 0;
        }
    }

    private void UndoPredictor(Span<uint> row, int y, ReadOnlySpan<uint> above)
    {
        if (y == 0)
        {
            row[0] = Vp8LPredictor.Add(row[0], 0xFF000000);
            for (int x = 1; x < Width; x++)
            {
                row[x] = Vp8LPredictor.Add(row[x], row[x - 1]);
            }

            return;
        }

        int blocks = (y >> Bits) * Vp8LDecoder.DivRoundUp(Width, Bits);
        row[0] = Vp8LPredictor.Add(row[0], above[0]);
        for (int x = 1; x < Width; x++)
        {
            int mode = (int)(Data[blocks + (x >> Bits)] >> 8) & 0xF;
            // For the last column the "top-right" pixel is the first of the current row, as the format says.
            uint topRight = x + 1 < Width ? above[x + 1] : row[0];
            uint prediction = Vp8LPredictor.Predict(mode, row[x - 1], above[x], above[x - 1], topRight);
            row[x] = Vp8LPredictor.Add(row[x], prediction);
        }
    }

    private void UndoCrossColor(Span<uint> row, int y)
    {
        int blocks = (y >> Bits) * Vp8LDecoder.DivRoundUp(Width, Bits);
        for (int x = 0; x < Width; x++)
        {
            uint element = Data[blocks + (x >> Bits)];
            sbyte greenToRed = (sbyte)element, greenToBlue = (sbyte)(element >> 8), redToBlue = (sbyte)(element >> 16);
            uint argb = row[x];
            sbyte green = (sbyte)(argb >> 8);
            int red = ((int)(argb >> 16) + Delta(greenToRed, green)) & 0xFF;
            int blue = ((int)argb + Delta(greenToBlue, green) + Delta(redToBlue, (sbyte)red)) & 0xFF;
            row[x] = (argb & 0xFF00FF00) | ((uint)red << 16) | (uint)blue;
        }
    }

    private static int Delta(sbyte transform, sbyte color) => (transform * color) >> 5;

    private static void UndoSubtractGreen(Span<uint> row)
    {
        for (int i = 0; i < row.Length; i++)
        {
            uint argb = row[i];
            uint green = (argb >> 8) & 0xFF;
            uint redBlue = ((argb & 0x00FF00FF) + ((green << 16) | green)) & 0x00FF00FF;
            row[i] = (argb & 0xFF00FF00) | redBlue;
        }
    }
}
