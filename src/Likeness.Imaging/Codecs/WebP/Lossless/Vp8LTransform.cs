namespace Likeness.Imaging.Codecs.WebP.Lossless;

/// <summary>The four VP8L transforms, kept as read so that they can be undone in reverse order.</summary>
internal enum Vp8LTransformType
{
    Predictor = 0,
    CrossColor = 1,
    SubtractGreen = 2,
    ColorIndexing = 3,
}

/// <summary>One transform: its type, the width it applies to, its block size bits and its sub-image or palette.</summary>
internal sealed record Vp8LTransform(Vp8LTransformType Type, int Width, int Bits, uint[] Data)
{
    /// <summary>Undoes a predictor, cross-colour or subtract-green transform in place on a width × height image.</summary>
    public void UndoInPlace(uint[] pixels, int height)
    {
        switch (Type)
        {
            case Vp8LTransformType.Predictor:
                UndoPredictor(pixels, height);
                break;
            case Vp8LTransformType.CrossColor:
                UndoCrossColor(pixels, height);
                break;
            default:
                UndoSubtractGreen(pixels, Width * height);
                break;
        }
    }

    /// <summary>Expands palette indices (packed 1, 2, 4 or 8 to a pixel) into colours; returns the wider image.</summary>
    public uint[] UndoColorIndexing(uint[] packed, int height)
    {
        int perPixel = 1 << Bits;
        int bitsPerIndex = 8 >> Bits;
        int mask = (1 << bitsPerIndex) - 1;
        int packedWidth = Vp8LDecoder.DivRoundUp(Width, Bits);
        var pixels = new uint[Width * height];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < Width; x++)
            {
                int green = (int)(packed[(y * packedWidth) + (x >> Bits)] >> 8) & 0xFF;
                int index = (green >> ((x & (perPixel - 1)) * bitsPerIndex)) & mask;
                // Indices past the palette read as transparent black, as libwebp's zero-padded palette does.
                pixels[(y * Width) + x] = index < Data.Length ? Data[index] : 0;
            }
        }

        return pixels;
    }

    private void UndoPredictor(uint[] pixels, int height)
    {
        int blocksWide = Vp8LDecoder.DivRoundUp(Width, Bits);
        pixels[0] = Vp8LPredictor.Add(pixels[0], 0xFF000000);
        for (int x = 1; x < Width; x++)
        {
            pixels[x] = Vp8LPredictor.Add(pixels[x], pixels[x - 1]);
        }

        for (int y = 1; y < height; y++)
        {
            int row = y * Width;
            pixels[row] = Vp8LPredictor.Add(pixels[row], pixels[row - Width]);
            for (int x = 1; x < Width; x++)
            {
                int mode = (int)(Data[((y >> Bits) * blocksWide) + (x >> Bits)] >> 8) & 0xF;
                int i = row + x;
                // For the last column the "top-right" pixel is the first of the current row, as the format says.
                uint prediction = Vp8LPredictor.Predict(mode, pixels[i - 1], pixels[i - Width], pixels[i - Width - 1], pixels[i - Width + 1]);
                pixels[i] = Vp8LPredictor.Add(pixels[i], prediction);
            }
        }
    }

    private void UndoCrossColor(uint[] pixels, int height)
    {
        int blocksWide = Vp8LDecoder.DivRoundUp(Width, Bits);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < Width; x++)
            {
                uint element = Data[((y >> Bits) * blocksWide) + (x >> Bits)];
                sbyte greenToRed = (sbyte)element, greenToBlue = (sbyte)(element >> 8), redToBlue = (sbyte)(element >> 16);
                int i = (y * Width) + x;
                uint argb = pixels[i];
                sbyte green = (sbyte)(argb >> 8);
                int red = ((int)(argb >> 16) + Delta(greenToRed, green)) & 0xFF;
                int blue = ((int)argb + Delta(greenToBlue, green) + Delta(redToBlue, (sbyte)red)) & 0xFF;
                pixels[i] = (argb & 0xFF00FF00) | ((uint)red << 16) | (uint)blue;
            }
        }
    }

    private static int Delta(sbyte transform, sbyte color) => (transform * color) >> 5;

    private static void UndoSubtractGreen(uint[] pixels, int count)
    {
        for (int i = 0; i < count; i++)
        {
            uint argb = pixels[i];
            uint green = (argb >> 8) & 0xFF;
            uint redBlue = ((argb & 0x00FF00FF) + ((green << 16) | green)) & 0x00FF00FF;
            pixels[i] = (argb & 0xFF00FF00) | redBlue;
        }
    }
}
