namespace Likeness.Imaging.Resampling;

/// <summary>
/// TensorFlow's legacy bilinear resize (<c>resizeBilinear</c> with alignCorners = false, halfPixelCenters = false), as
/// face-api runs it: output cell r samples <c>r·in/out</c> (float32), interpolates its two neighbours (the second
/// clamped to the edge) first along x then y, with no antialiasing (a large downscale point-samples) and no rounding.
/// Works on float HWC data; the <see cref="Image"/> overload reads 8-bit RGB(A) and writes float RGB.
/// </summary>
public static class TfBilinear
{
    /// <summary>
    /// Output rows [<paramref name="rowStart"/>, <paramref name="rowEnd"/>) of the float resize of
    /// <paramref name="image"/>'s RGB values zero-padded below and to the right to a <paramref name="side"/>-square
    /// (face-api's <c>padToSquare</c> before its detector), without building that square: taps past the image read 0,
    /// the values the square holds there, so the results are the same. Disjoint row ranges may run on different threads.
    /// </summary>
    /// <param name="image">8-bit RGB or RGBA pixels.</param>
    /// <param name="side">The padded square's side (at least the image's width and height).</param>
    /// <param name="destination">(rowEnd - rowStart)·outSize·3 values: the rows, from its start.</param>
    /// <param name="outSize">Destination side.</param>
    /// <param name="rowStart">First destination row.</param>
    /// <param name="rowEnd">Destination row after the last.</param>
    public static void ResizePaddedRows(Image image, int side, Span<float> destination, int outSize, int rowStart, int rowEnd)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfLessThan(side, Math.Max(image.Width, image.Height));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outSize);
        if (rowStart < 0 || rowEnd > outSize || rowStart > rowEnd || destination.Length < (long)(rowEnd - rowStart) * outSize * 3)
        {
            throw new ArgumentException($"Rows {rowStart}..{rowEnd} of {outSize} need {(rowEnd - rowStart) * outSize * 3} destination values.");
        }

        int bpp = image.BytesPerPixel, width = image.Width, height = image.Height;
        Span<int> x0 = outSize <= 1024 ? stackalloc int[outSize] : new int[outSize];
        Span<int> x1 = outSize <= 1024 ? stackalloc int[outSize] : new int[outSize];
        Span<float> fx = outSize <= 1024 ? stackalloc float[outSize] : new float[outSize];
        Axis(side, outSize, x0, x1, fx);
        float scaleY = (float)side / outSize;
        for (int r = rowStart; r < rowEnd; r++)
        {
            (int y0, int y1, float fy) = Sample(r, scaleY, side);
            ReadOnlySpan<byte> top = y0 < height ? image.GetRow(y0) : default;
            ReadOnlySpan<byte> bottom = y1 < height ? image.GetRow(y1) : default;
            PaddedRow(top, bottom, bpp, width, x0, x1, fx, fy, destination.Slice((r - rowStart) * outSize * 3, outSize * 3));
        }
    }

    /// <summary>
    /// One output row of RGB floats from its two source rows (empty where the row lies in the padding); columns at or
    /// past <paramref name="width"/> read 0. <see cref="ResizePaddedRows"/> and <see cref="TfBilinearRows"/> share it,
    /// so the streamed resize gives the same values.
    /// </summary>
    internal static void PaddedRow(
        ReadOnlySpan<byte> top, ReadOnlySpan<byte> bottom, int bpp, int width,
        ReadOnlySpan<int> x0, ReadOnlySpan<int> x1, ReadOnlySpan<float> fx, float fy, Span<float> dst)
    {
        for (int c = 0; c < x0.Length; c++)
        {
            int a = x0[c] < width ? x0[c] * bpp : -1, b = x1[c] < width ? x1[c] * bpp : -1;
            for (int ch = 0; ch < 3; ch++)
            {
                dst[(c * 3) + ch] = Lerp(Tap(top, a, ch), Tap(top, b, ch), Tap(bottom, a, ch), Tap(bottom, b, ch), fx[c], fy);
            }
        }
    }

    /// <summary>Channel <paramref name="ch"/> of the pixel at byte <paramref name="offset"/>, or 0 in the padding (no row, or offset -1).</summary>
    private static float Tap(ReadOnlySpan<byte> row, int offset, int ch) => row.IsEmpty || offset < 0 ? 0f : row[offset + ch];

    /// <summary>Resizes an HWC float image.</summary>
    /// <param name="source">inHeight·inWidth·channels values.</param>
    /// <param name="inHeight">Source rows.</param>
    /// <param name="inWidth">Source columns.</param>
    /// <param name="channels">Values per pixel.</param>
    /// <param name="destination">outHeight·outWidth·channels values.</param>
    /// <param name="outHeight">Destination rows.</param>
    /// <param name="outWidth">Destination columns.</param>
    public static void Resize(
        ReadOnlySpan<float> source, int inHeight, int inWidth, int channels,
        Span<float> destination, int outHeight, int outWidth)
    {
        Check(source.Length, inHeight, inWidth, channels, destination.Length, outHeight, outWidth);
        Span<int> x0 = outWidth <= 1024 ? stackalloc int[outWidth] : new int[outWidth];
        Span<int> x1 = outWidth <= 1024 ? stackalloc int[outWidth] : new int[outWidth];
        Span<float> fx = outWidth <= 1024 ? stackalloc float[outWidth] : new float[outWidth];
        Axis(inWidth, outWidth, x0, x1, fx);
        float scaleY = (float)inHeight / outHeight;
        for (int r = 0; r < outHeight; r++)
        {
            (int y0, int y1, float fy) = Sample(r, scaleY, inHeight);
            ReadOnlySpan<float> top = source.Slice(y0 * inWidth * channels, inWidth * channels);
            ReadOnlySpan<float> bottom = source.Slice(y1 * inWidth * channels, inWidth * channels);
            Span<float> dst = destination.Slice(r * outWidth * channels, outWidth * channels);
            for (int c = 0; c < outWidth; c++)
            {
                int a = x0[c] * channels, b = x1[c] * channels;
                for (int ch = 0; ch < channels; ch++)
                {
                    dst[(c * channels) + ch] = Lerp(top[a + ch], top[b + ch], bottom[a + ch], bottom[b + ch], fx[c], fy);
                }
            }
        }
    }

    /// <summary>Resizes the 8-bit RGB or RGBA <paramref name="image"/> to float RGB (alpha dropped), values 0-255.</summary>
    /// <param name="image">Source pixels.</param>
    /// <param name="destination">outHeight·outWidth·3 values.</param>
    /// <param name="outHeight">Destination rows.</param>
    /// <param name="outWidth">Destination columns.</param>
    public static void Resize(Image image, Span<float> destination, int outHeight, int outWidth)
    {
        ArgumentNullException.ThrowIfNull(image);
        int bpp = image.BytesPerPixel;
        Check(image.Width * image.Height * 3, image.Height, image.Width, 3, destination.Length, outHeight, outWidth);
        Span<int> x0 = outWidth <= 1024 ? stackalloc int[outWidth] : new int[outWidth];
        Span<int> x1 = outWidth <= 1024 ? stackalloc int[outWidth] : new int[outWidth];
        Span<float> fx = outWidth <= 1024 ? stackalloc float[outWidth] : new float[outWidth];
        Axis(image.Width, outWidth, x0, x1, fx);
        float scaleY = (float)image.Height / outHeight;
        for (int r = 0; r < outHeight; r++)
        {
            (int y0, int y1, float fy) = Sample(r, scaleY, image.Height);
            ReadOnlySpan<byte> top = image.GetRow(y0);
            ReadOnlySpan<byte> bottom = image.GetRow(y1);
            Span<float> dst = destination.Slice(r * outWidth * 3, outWidth * 3);
            for (int c = 0; c < outWidth; c++)
            {
                int a = x0[c] * bpp, b = x1[c] * bpp;
                for (int ch = 0; ch < 3; ch++)
                {
                    dst[(c * 3) + ch] = Lerp(top[a + ch], top[b + ch], bottom[a + ch], bottom[b + ch], fx[c], fy);
                }
            }
        }
    }

    /// <summary>
    /// Resizes to a new 8-bit RGB image, each float result rounded to the nearest level (alpha dropped). For
    /// viewing what face-api's resize does; tensors should use the float overloads.
    /// </summary>
    public static Image Resize(Image image, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(image);
        ImageLimits.Default.EnsureWithin(width, height, 3 + (3 * sizeof(float)));
        float[] buffer = System.Buffers.ArrayPool<float>.Shared.Rent(width * height * 3);
        try
        {
            Span<float> values = buffer.AsSpan(0, width * height * 3);
            Resize(image, values, height, width);
            Image result = Image.CreateUninitialized(width, height, PixelFormat.Rgb24);
            Span<byte> pixels = result.Pixels;
            for (int i = 0; i < values.Length; i++)
            {
                pixels[i] = (byte)Math.Clamp(MathF.Round(values[i]), 0, 255);
            }

            return result;
        }
        finally
        {
            System.Buffers.ArrayPool<float>.Shared.Return(buffer);
        }
    }

    private static float Lerp(float tl, float tr, float bl, float br, float fx, float fy)
    {
        float top = tl + ((tr - tl) * fx);
        float bottom = bl + ((br - bl) * fx);
        return top + ((bottom - top) * fy);
    }

    internal static void Axis(int inSize, int outSize, Span<int> lo, Span<int> hi, Span<float> frac)
    {
        float scale = (float)inSize / outSize;
        for (int i = 0; i < outSize; i++)
        {
            (lo[i], hi[i], frac[i]) = Sample(i, scale, inSize);
        }
    }

    internal static (int Low, int High, float Fraction) Sample(int index, float scale, int inSize)
    {
        float src = index * scale;
        int low = (int)MathF.Floor(src);
        int high = Math.Min(inSize - 1, (int)MathF.Ceiling(src));
        return (low, high, src - low);
    }

    private static void Check(int sourceLength, int inHeight, int inWidth, int channels, int destinationLength, int outHeight, int outWidth)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inHeight);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outHeight);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outWidth);
        if (sourceLength < (long)inHeight * inWidth * channels)
        {
            throw new ArgumentException($"The source needs {inHeight}x{inWidth}x{channels} values.");
        }

        if (destinationLength < (long)outHeight * outWidth * channels)
        {
            throw new ArgumentException($"The destination needs {outHeight}x{outWidth}x{channels} values.");
        }
    }
}
