using Likeness.Imaging;
using Likeness.Imaging.Resampling;
using Likeness.Inference.Tensors;

namespace Likeness.Inference.Faces;

/// <summary>
/// face-api's <c>toBatchTensor</c> for tensor inputs, then its normalisation: the 8-bit region is zero-padded to a
/// square on the raw 0-255 values (<c>padToSquare</c>: all padding after when not centred; centred puts the odd
/// pixel after), resized with TensorFlow's legacy bilinear to size×size unless already that size, and mapped to
/// <c>(x - mean) / 255</c> per channel in float32.
/// </summary>
internal static class FaceNetInput
{
    public static Tensor Create(Image image, PixelRect region, int size, bool center, ReadOnlySpan<float> meanRgb)
    {
        using Tensor square = PadToSquare(image, region, center);
        return FromSquare(square, size, meanRgb);
    }

    /// <summary>The region zero-padded to a square of raw 0-255 values (face-api's <c>padToSquare</c>).</summary>
    public static Tensor PadToSquare(Image image, PixelRect region, bool center)
    {
        int side = Math.Max(region.Width, region.Height);
        int diff = side - Math.Min(region.Width, region.Height);
        int after = center ? (int)Math.Floor((diff * 0.5) + 0.5) : diff;
        int before = diff - after;
        int offsetX = region.Width < region.Height ? before : 0;
        int offsetY = region.Height < region.Width ? before : 0;

        Tensor square = Tensor.Zeros(side, side, 3);
        Span<float> dst = square.Span;
        int bpp = image.BytesPerPixel;
        for (int y = 0; y < region.Height; y++)
        {
            ReadOnlySpan<byte> row = image.GetRow(region.Y + y).Slice(region.X * bpp, region.Width * bpp);
            Span<float> target = dst.Slice((((offsetY + y) * side) + offsetX) * 3, region.Width * 3);
            for (int x = 0; x < region.Width; x++)
            {
                target[(x * 3) + 0] = row[(x * bpp) + 0];
                target[(x * 3) + 1] = row[(x * bpp) + 1];
                target[(x * 3) + 2] = row[(x * bpp) + 2];
            }
        }

        return square;
    }

    /// <summary>A padded square (<see cref="PadToSquare"/>) resized to size×size and normalised; the square is left as it was.</summary>
    public static Tensor FromSquare(Tensor square, int size, ReadOnlySpan<float> meanRgb)
    {
        int side = square.Height;
        Tensor result = Tensor.Rent(size, size, 3);
        if (side == size)
        {
            square.Span.CopyTo(result.Span);
        }
        else
        {
            TfBilinear.Resize(square.Span, side, side, 3, result.Span, size, size);
        }

        Normalize(result.Span, meanRgb);
        return result;
    }

    /// <summary>
    /// The downscaled detector input: the whole image resized (the same legacy bilinear) so its longer side is
    /// <paramref name="fill"/> of <paramref name="size"/>, placed top-left on raw-zero padding. A face that fills the
    /// frame then looks to the detector like one in a wider shot, with the surroundings its anchors were trained on.
    /// </summary>
    public static Tensor CreateShrunk(Image image, int size, double fill, ReadOnlySpan<float> meanRgb)
    {
        double scale = size * fill / Math.Max(image.Width, image.Height);
        int width = Math.Clamp((int)Math.Round(image.Width * scale), 1, size);
        int height = Math.Clamp((int)Math.Round(image.Height * scale), 1, size);
        Tensor result = Tensor.Zeros(size, size, 3);
        using (Tensor shrunk = Tensor.Rent(height, width, 3))
        {
            TfBilinear.Resize(image, shrunk.Span, height, width);
            for (int y = 0; y < height; y++)
            {
                shrunk.Span.Slice(y * width * 3, width * 3).CopyTo(result.Span.Slice(y * size * 3, width * 3));
            }
        }

        Normalize(result.Span, meanRgb);
        return result;
    }

    private static void Normalize(Span<float> values, ReadOnlySpan<float> meanRgb)
    {
        for (int i = 0; i < values.Length; i += 3)
        {
            values[i] = (values[i] - meanRgb[0]) / 255f;
            values[i + 1] = (values[i + 1] - meanRgb[1]) / 255f;
            values[i + 2] = (values[i + 2] - meanRgb[2]) / 255f;
        }
    }
}
