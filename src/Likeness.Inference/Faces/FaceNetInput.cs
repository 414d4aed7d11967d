using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Likeness.Imaging;
using Likeness.Imaging.Resampling;
using Likeness.Inference.Tensors;
using Likeness.Inference.Threading;

namespace Likeness.Inference.Faces;

/// <summary>
/// face-api's <c>toBatchTensor</c> for tensor inputs, then its normalisation: the 8-bit region is zero-padded to a
/// square on the raw 0-255 values (<c>padToSquare</c>: all padding after when not centred; centred puts the odd
/// pixel after), resized with TensorFlow's legacy bilinear to size×size unless already that size, and mapped to
/// <c>(x - mean) / 255</c> per channel in float32.
/// </summary>
internal static class FaceNetInput
{
    public static Tensor Create(Image image, PixelRect region, int size, bool center, ReadOnlySpan<float> meanRgb) =>
        Create(PixelWindow.Whole(image), region, size, center, meanRgb);

    /// <summary>As above, from a window of the image (the region must lie in what it holds).</summary>
    public static Tensor Create(PixelWindow image, PixelRect region, int size, bool center, ReadOnlySpan<float> meanRgb)
    {
        using Tensor square = PadToSquare(image, region, center);
        return FromSquare(square, size, meanRgb);
    }

    /// <summary>The region zero-padded to a square of raw 0-255 values (face-api's <c>padToSquare</c>).</summary>
    public static Tensor PadToSquare(PixelWindow image, PixelRect region, bool center)
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
            ReadOnlySpan<byte> row = image.Row(region.Y + y, region.X, region.Width);
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
    /// The detector input for a whole image: <see cref="PadToSquare"/> (padding after) then <see cref="FromSquare"/>,
    /// the same values, read straight from the pixels (the padded square of a 12 MP photo is ~190 MB of floats) with
    /// the rows split over threads.
    /// </summary>
    public static Tensor FromImage(Image image, int size, float[] meanRgb, int degreeOfParallelism)
    {
        Tensor result = Tensor.Rent(size, size, 3);
        ResizeRows.Run(image, Math.Max(image.Width, image.Height), result, meanRgb, degreeOfParallelism);
        return result;
    }

    /// <summary>
    /// The downscaled detector input: the whole image resized (the same legacy bilinear) so its longer side is
    /// <paramref name="fill"/> of <paramref name="size"/>, placed top-left on raw-zero padding. A face that fills the
    /// frame then looks to the detector like one in a wider shot, with the surroundings its anchors were trained on.
    /// </summary>
    public static Tensor CreateShrunk(Image image, int size, double fill, ReadOnlySpan<float> meanRgb)
    {
        (int width, int height) = ShrunkSize(image.Width, image.Height, size, fill);
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

    /// <summary>The size <see cref="CreateShrunk"/> resizes a <paramref name="imageWidth"/> x <paramref name="imageHeight"/> image to.</summary>
    public static (int Width, int Height) ShrunkSize(int imageWidth, int imageHeight, int size, double fill)
    {
        double scale = size * fill / Math.Max(imageWidth, imageHeight);
        return (Math.Clamp((int)Math.Round(imageWidth * scale), 1, size), Math.Clamp((int)Math.Round(imageHeight * scale), 1, size));
    }

    /// <summary>Bands of <see cref="FromImage"/>'s rows: resized from the pixels and normalised, one band per task.</summary>
    private sealed class ResizeRows : RowWork
    {
        [ThreadStatic]
        private static ResizeRows? t_work;

        private Image? _image;
        private int _side;
        private Tensor _output;
        private float[] _mean = [];

        public static void Run(Image image, int side, in Tensor output, float[] mean, int degreeOfParallelism)
        {
            ResizeRows work = t_work ??= new ResizeRows();
            work._image = image;
            work._side = side;
            work._output = output;
            work._mean = mean;
            work.Run(output.Height, degreeOfParallelism);
            work._image = null;
            work._output = default;
            work._mean = [];
        }

        protected override void ProcessRows(int start, int end)
        {
            int size = _output.Width;
            Span<float> rows = _output.Span.Slice(start * size * 3, (end - start) * size * 3);
            TfBilinear.ResizePaddedRows(_image!, _side, rows, size, start, end);
            Normalize(rows, _mean);
        }
    }

    /// <summary>Maps raw 0-255 values to <c>(x - mean) / 255</c> per channel, in place.</summary>
    public static void Normalize(Span<float> values, ReadOnlySpan<float> meanRgb)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated && values.Length >= 24)
        {
            // Eight RGB pixels per three vectors, the means repeating with them. A lane subtracts and divides with the
            // same IEEE rounding as the scalar code, so the values are the same.
            Span<float> pattern = stackalloc float[24];
            for (int j = 0; j < pattern.Length; j++)
            {
                pattern[j] = meanRgb[j % 3];
            }

            Vector256<float> m0 = Vector256.Create<float>(pattern), m1 = Vector256.Create<float>(pattern[8..]), m2 = Vector256.Create<float>(pattern[16..]);
            Vector256<float> divisor = Vector256.Create(255f);
            ref float v = ref MemoryMarshal.GetReference(values);
            for (; i <= values.Length - 24; i += 24)
            {
                ((Vector256.LoadUnsafe(ref v, (nuint)i) - m0) / divisor).StoreUnsafe(ref v, (nuint)i);
                ((Vector256.LoadUnsafe(ref v, (nuint)(i + 8)) - m1) / divisor).StoreUnsafe(ref v, (nuint)(i + 8));
                ((Vector256.LoadUnsafe(ref v, (nuint)(i + 16)) - m2) / divisor).StoreUnsafe(ref v, (nuint)(i + 16));
            }
        }

        for (; i < values.Length; i += 3)
        {
            values[i] = (values[i] - meanRgb[0]) / 255f;
            values[i + 1] = (values[i + 1] - meanRgb[1]) / 255f;
            values[i + 2] = (values[i + 2] - meanRgb[2]) / 255f;
        }
    }
}
