namespace Likeness.Imaging.Transforms;

/// <summary>Lossless geometric operations: flips, quarter turns, crop and pad. Each returns a new image.</summary>
public static class Geometry
{
    /// <summary>Mirrors left to right.</summary>
    public static Image FlipHorizontal(Image image) => Remap(image, FlipHorizontalMap);

    /// <summary>Mirrors top to bottom.</summary>
    public static Image FlipVertical(Image image) => Remap(image, FlipVerticalMap);

    /// <summary>Turns a quarter clockwise.</summary>
    public static Image Rotate90(Image image) => Remap(image, Rotate90Map);

    /// <summary>Turns half a turn.</summary>
    public static Image Rotate180(Image image) => Remap(image, Rotate180Map);

    /// <summary>Turns a quarter counter-clockwise.</summary>
    public static Image Rotate270(Image image) => Remap(image, Rotate270Map);

    /// <summary>Mirrors across the main diagonal (x and y swap).</summary>
    public static Image Transpose(Image image) => Remap(image, TransposeMap);

    /// <summary>Mirrors across the anti-diagonal.</summary>
    public static Image Transverse(Image image) => Remap(image, TransverseMap);

    internal static PixelMap FlipHorizontalMap => new(Transpose: false, FlipX: true, FlipY: false);

    internal static PixelMap FlipVerticalMap => new(Transpose: false, FlipX: false, FlipY: true);

    internal static PixelMap Rotate90Map => new(Transpose: true, FlipX: false, FlipY: true);

    internal static PixelMap Rotate180Map => new(Transpose: false, FlipX: true, FlipY: true);

    internal static PixelMap Rotate270Map => new(Transpose: true, FlipX: true, FlipY: false);

    internal static PixelMap TransposeMap => new(Transpose: true, FlipX: false, FlipY: false);

    internal static PixelMap TransverseMap => new(Transpose: true, FlipX: true, FlipY: true);

    /// <summary>Copies the rectangle at (<paramref name="x"/>, <paramref name="y"/>); it must lie inside the image.</summary>
    public static Image Crop(Image image, int x, int y, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (x < 0 || y < 0 || width <= 0 || height <= 0 || x + (long)width > image.Width || y + (long)height > image.Height)
        {
            throw new ArgumentOutOfRangeException(
                nameof(width),
                $"Crop {width}x{height} at ({x},{y}) is outside the {image.Width}x{image.Height} image.");
        }

        int bpp = image.BytesPerPixel;
        Image result = Image.CreateUninitialized(width, height, image.Format);
        for (int row = 0; row < height; row++)
        {
            image.GetRow(y + row).Slice(x * bpp, width * bpp).CopyTo(result.GetRow(row));
        }

        return result;
    }

    /// <summary>
    /// Adds borders filled with <paramref name="fill"/> (RGB or RGBA bytes matching the image's format; zero when
    /// empty).
    /// </summary>
    public static Image Pad(Image image, int left, int top, int right, int bottom, ReadOnlySpan<byte> fill = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (left < 0 || top < 0 || right < 0 || bottom < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(left), "Padding must not be negative.");
        }

        int bpp = image.BytesPerPixel;
        if (!fill.IsEmpty && fill.Length != bpp)
        {
            throw new ArgumentException($"The fill colour must have {bpp} bytes.", nameof(fill));
        }

        long newWidth = (long)image.Width + left + right;
        long newHeight = (long)image.Height + top + bottom;
        if (newWidth > int.MaxValue || newHeight > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(left), "The padded image would be too large.");
        }

        Image result = Image.CreateUninitialized((int)newWidth, (int)newHeight, image.Format);
        Span<byte> pixels = result.Pixels;
        if (fill.IsEmpty)
        {
            pixels.Clear();
        }
        else
        {
            for (int i = 0; i < pixels.Length; i += bpp)
            {
                fill.CopyTo(pixels.Slice(i, bpp));
            }
        }

        for (int row = 0; row < image.Height; row++)
        {
            image.GetRow(row).CopyTo(result.GetRow(top + row).Slice(left * bpp));
        }

        return result;
    }

    /// <summary>The one loop behind every flip and quarter turn (see <see cref="PixelMap"/>).</summary>
    internal static Image Remap(Image image, PixelMap map)
    {
        ArgumentNullException.ThrowIfNull(image);
        (bool transpose, bool flipX, bool flipY) = (map.Transpose, map.FlipX, map.FlipY);
        int w = image.Width, h = image.Height, bpp = image.BytesPerPixel;
        int outW = transpose ? h : w, outH = transpose ? w : h;
        Image result = Image.CreateUninitialized(outW, outH, image.Format);
        ReadOnlySpan<byte> src = image.Pixels;
        Span<byte> dst = result.Pixels;
        int srcStride = image.Stride;

        if (!transpose)
        {
            for (int y = 0; y < outH; y++)
            {
                int sy = flipY ? h - 1 - y : y;
                ReadOnlySpan<byte> srcRow = src.Slice(sy * srcStride, srcStride);
                Span<byte> dstRow = dst.Slice(y * result.Stride, result.Stride);
                if (!flipX)
                {
                    srcRow.CopyTo(dstRow);
                    continue;
                }

                for (int x = 0; x < outW; x++)
                {
                    srcRow.Slice((w - 1 - x) * bpp, bpp).CopyTo(dstRow.Slice(x * bpp, bpp));
                }
            }

            return result;
        }

        for (int y = 0; y < outH; y++)
        {
            Span<byte> dstRow = dst.Slice(y * result.Stride, result.Stride);
            int sx = flipX ? w - 1 - y : y;
            for (int x = 0; x < outW; x++)
            {
                int sy = flipY ? h - 1 - x : x;
                src.Slice((sy * w + sx) * bpp, bpp).CopyTo(dstRow.Slice(x * bpp, bpp));
            }
        }

        return result;
    }
}
