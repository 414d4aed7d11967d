using System.Buffers;
using Likeness.Imaging.Color;

namespace Likeness.Imaging.Resampling;

/// <summary>
/// Resizes images exactly as Pillow 9.4's <c>Image.resize(size, filter, box)</c> does for RGB and RGBA, byte for
/// byte: separable 22-bit fixed-point convolution, horizontal pass first over only the rows the vertical pass
/// needs, rounding to bytes between passes, a pass skipped when its axis is unchanged, and RGBA resized
/// premultiplied. The filter is the only thing that differs between bicubic (CLIP), Lanczos (thumbnails) and the
/// others.
/// </summary>
public static class Resampler
{
    /// <summary>Resizes the whole image to <paramref name="width"/> x <paramref name="height"/>.</summary>
    public static Image Resize(
        Image source,
        int width,
        int height,
        ResampleFilter filter = ResampleFilter.Bicubic,
        ResampleOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Resize(source, width, height, filter, ResampleBox.Whole(source.Width, source.Height), options);
    }

    /// <summary>Resamples the <paramref name="box"/> region of the image to <paramref name="width"/> x <paramref name="height"/>.</summary>
    public static Image Resize(
        Image source,
        int width,
        int height,
        ResampleFilter filter,
        ResampleBox box,
        ResampleOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        options ??= ResampleOptions.Default;
        return Resize(source, width, height, filter, box, options.EffectiveParallelism, SimdLevels.BestX86);
    }

    /// <summary>The engine with its vector path pinned (tests compare every path with the scalar reference).</summary>
    internal static Image Resize(
        Image source,
        int width,
        int height,
        ResampleFilter filter,
        ResampleBox box,
        int parallelism,
        SimdLevel level)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (!Enum.IsDefined(filter))
        {
            throw new ArgumentOutOfRangeException(nameof(filter), filter, "Unknown resample filter.");
        }

        if (!(box.Left >= 0 && box.Top >= 0 && box.Right <= source.Width && box.Bottom <= source.Height
            && box.Left < box.Right && box.Top < box.Bottom))
        {
            throw new ArgumentOutOfRangeException(
                nameof(box),
                $"Box {box} must be non-empty and inside the {source.Width}x{source.Height} image.");
        }

        ImageLimits.Default.EnsureWithin(width, height, source.BytesPerPixel);
        if (width == source.Width && height == source.Height && box == ResampleBox.Whole(width, height))
        {
            return source.Clone();
        }

        if (source.Format != PixelFormat.Rgba32)
        {
            return Convolve(source);
        }

        using Image premultiplied = source.Clone();
        Premultiplied.Premultiply(premultiplied.Pixels);
        Image result = Convolve(premultiplied);
        Premultiplied.Unpremultiply(result.Pixels);
        return result;

        // Pillow's ImagingResampleInner.
        Image Convolve(Image input)
        {
            bool horizontal = width != input.Width || box.Left != 0 || box.Right != width;
            bool vertical = height != input.Height || box.Top != 0 || box.Bottom != height;
            using AxisCoefficients columns = AxisCoefficients.Compute(input.Width, box.Left, box.Right, width, filter);
            using AxisCoefficients rows = AxisCoefficients.Compute(input.Height, box.Top, box.Bottom, height, filter);
            int firstRow = rows.First(0);
            int endRow = rows.First(height - 1) + rows.Count(height - 1);

            Image? widened = null;
            try
            {
                Image current = input;
                int rowOffset = 0;
                if (horizontal)
                {
                    widened = Image.CreateUninitialized(width, endRow - firstRow, input.Format);
                    RunHorizontal(input, widened, columns, firstRow, parallelism, level);
                    current = widened;
                    rowOffset = firstRow;
                }

                if (!vertical)
                {
                    Image done = widened ?? input.Clone();
                    widened = null;
                    return done;
                }

                Image output = Image.CreateUninitialized(current.Width, height, input.Format);
                ForEachBand(height, parallelism, (start, end) =>
                    VerticalPass.Run(current.Pixels, output.Pixels, current.Stride, rows, rowOffset, start, end, level));
                return output;
            }
            finally
            {
                widened?.Dispose();
            }
        }
    }

    private static void RunHorizontal(
        Image source,
        Image destination,
        AxisCoefficients columns,
        int sourceRowOffset,
        int parallelism,
        SimdLevel level)
    {
        int[]? laneWeights = null;
        if (level != SimdLevel.Scalar)
        {
            laneWeights = ArrayPool<int>.Shared.Rent(HorizontalPass.LaneKernelSize(columns) * columns.OutSize);
            HorizontalPass.ExpandWeights(columns, laneWeights);
        }

        try
        {
            ForEachBand(destination.Height, parallelism, (start, end) =>
            {
                byte[]? scratch = level == SimdLevel.Scalar
                    ? null
                    : ArrayPool<byte>.Shared.Rent(HorizontalPass.ScratchBytes(source.Width));
                try
                {
                    HorizontalPass.Run(
                        source.Pixels,
                        source.Width,
                        destination.Pixels,
                        source.BytesPerPixel,
                        columns,
                        laneWeights,
                        scratch,
                        sourceRowOffset,
                        start,
                        end,
                        level);
                }
                finally
                {
                    if (scratch is not null)
                    {
                        ArrayPool<byte>.Shared.Return(scratch);
                    }
                }
            });
        }
        finally
        {
            if (laneWeights is not null)
            {
                ArrayPool<int>.Shared.Return(laneWeights);
            }
        }
    }

    /// <summary>Runs <paramref name="body"/> over row bands, on up to <paramref name="parallelism"/> threads.</summary>
    private static void ForEachBand(int rowCount, int parallelism, Action<int, int> body)
    {
        // Fewer than a few rows per band costs more in scheduling than it saves.
        const int MinRowsPerBand = 4;
        int bands = Math.Clamp(rowCount / MinRowsPerBand, 1, parallelism);
        if (bands == 1)
        {
            body(0, rowCount);
            return;
        }

        Parallel.For(
            0,
            bands,
            new ParallelOptions { MaxDegreeOfParallelism = bands },
            band => body((int)((long)band * rowCount / bands), (int)((long)(band + 1) * rowCount / bands)));
    }
}
