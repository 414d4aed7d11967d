using System.Buffers;
using System.Drawing;

namespace Likeness.Imaging.Tensors;

/// <summary>
/// Converts an image (or a rectangle of it) to a float tensor for a network: planar CHW (PyTorch, CLIP) or
/// interleaved HWC (TensorFlow, face-api), normalised per channel by a <see cref="TensorNormalization"/>.
/// RGBA images contribute R, G and B only (alpha is dropped, as PIL's <c>convert("RGB")</c> does).
/// </summary>
public static class ImageTensor
{
    /// <summary>
    /// Writes <c>[3, H, W]</c> (all of R, then G, then B) into the first <c>3 * W * H</c> floats of
    /// <paramref name="destination"/>, where W x H is <paramref name="crop"/> (default: the whole image).
    /// </summary>
    public static void ToChw(Image image, Span<float> destination, TensorNormalization normalization, Rectangle? crop = null) =>
        ToChw(image, destination, normalization, crop, SimdLevels.BestX86);

    /// <summary>
    /// Writes <c>[H, W, 3]</c> (R, G, B of each pixel in turn) into the first <c>3 * W * H</c> floats of
    /// <paramref name="destination"/>, where W x H is <paramref name="crop"/> (default: the whole image).
    /// </summary>
    public static void ToHwc(Image image, Span<float> destination, TensorNormalization normalization, Rectangle? crop = null) =>
        ToHwc(image, destination, normalization, crop, SimdLevels.BestX86);

    internal static void ToChw(Image image, Span<float> destination, TensorNormalization normalization, Rectangle? crop, SimdLevel level)
    {
        Rectangle area = Validate(image, destination, normalization, crop);
        int plane = area.Width * area.Height;
        int bpp = image.BytesPerPixel;
        byte[] channel = ArrayPool<byte>.Shared.Rent(area.Width);
        try
        {
            for (int y = 0; y < area.Height; y++)
            {
                ReadOnlySpan<byte> row = image.GetRow(area.Y + y).Slice(area.X * bpp, area.Width * bpp);
                for (int c = 0; c < 3; c++)
                {
                    Span<byte> samples = channel.AsSpan(0, area.Width);
                    for (int x = 0; x < samples.Length; x++)
                    {
                        samples[x] = row[(x * bpp) + c];
                    }

                    NormalizeKernels.Plane(
                        samples,
                        destination.Slice((c * plane) + (y * area.Width), area.Width),
                        normalization.Divisor,
                        normalization.MeanValues[c],
                        normalization.StdValues[c],
                        level);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(channel);
        }
    }

    internal static void ToHwc(Image image, Span<float> destination, TensorNormalization normalization, Rectangle? crop, SimdLevel level)
    {
        Rectangle area = Validate(image, destination, normalization, crop);
        int bpp = image.BytesPerPixel;
        int rowValues = area.Width * 3;
        byte[]? rgb = bpp == 3 ? null : ArrayPool<byte>.Shared.Rent(rowValues);
        try
        {
            for (int y = 0; y < area.Height; y++)
            {
                ReadOnlySpan<byte> row = image.GetRow(area.Y + y).Slice(area.X * bpp, area.Width * bpp);
                if (rgb is not null)
                {
                    // Drop alpha so the kernel sees whole RGB pixels.
                    for (int x = 0; x < area.Width; x++)
                    {
                        rgb[x * 3] = row[x * 4];
                        rgb[(x * 3) + 1] = row[(x * 4) + 1];
                        rgb[(x * 3) + 2] = row[(x * 4) + 2];
                    }

                    row = rgb.AsSpan(0, rowValues);
                }

                NormalizeKernels.Interleaved(
                    row,
                    destination.Slice(y * rowValues, rowValues),
                    normalization.Divisor,
                    normalization.MeanValues,
                    normalization.StdValues,
                    level);
            }
        }
        finally
        {
            if (rgb is not null)
            {
                ArrayPool<byte>.Shared.Return(rgb);
            }
        }
    }

    private static Rectangle Validate(Image image, Span<float> destination, TensorNormalization normalization, Rectangle? crop)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(normalization);
        Rectangle area = crop ?? new Rectangle(0, 0, image.Width, image.Height);
        if (area.Width <= 0 || area.Height <= 0 || area.X < 0 || area.Y < 0
            || area.Right > image.Width || area.Bottom > image.Height)
        {
            throw new ArgumentOutOfRangeException(nameof(crop), $"Crop {area} is empty or outside the {image.Width}x{image.Height} image.");
        }

        if (destination.Length < 3L * area.Width * area.Height)
        {
            throw new ArgumentException(
                $"Destination holds {destination.Length} floats; a 3x{area.Height}x{area.Width} tensor needs {3L * area.Width * area.Height}.",
                nameof(destination));
        }

        return area;
    }
}
