using System.Buffers;
using System.IO.Compression;
using Likeness.Imaging.Metadata;

namespace Likeness.Imaging.Codecs.Png;

/// <summary>
/// Decodes PNG (every colour type and bit depth, Adam7, PLTE, tRNS) to 8-bit RGB, or RGBA when the file has an
/// alpha channel or tRNS. 16-bit samples keep their high byte (libpng's strip_16, PIL); low bit depths are scaled
/// as v × 255 / (2^d − 1). EXIF orientation comes from the eXIf chunk wherever it lies (Pillow also reads one
/// after IDAT), tolerating a leading "Exif\0\0" that some writers add.
/// The inflater is asked for exactly the bytes the header implies and no more, so a decompression bomb
/// cannot make it do more work or take more memory than the image's own size allows.
/// </summary>
internal static class PngDecoder
{
    public static ImageInfo Identify(ReadOnlySpan<byte> data, ImageLimits limits)
    {
        PngChunkLayout layout = PngChunkLayout.Read(data, headerOnly: true);
        PixelFormat format = OutputFormat(layout);
        limits.EnsureWithin(layout.Header.Width, layout.Header.Height, format.BytesPerPixel());
        return ToInfo(layout);
    }

    public static unsafe DecodedImage Decode(ReadOnlySpan<byte> data, ImageLimits limits)
    {
        PngChunkLayout layout = Prepare(data, limits, out PixelFormat format, out long rowBytes);
        PngHeader header = layout.Header;
        Span<byte> table = stackalloc byte[1024];
        var converter = new PngRowConverter(header, layout.Palette, layout.Transparency, format, table);
        Image image = header.Interlaced
            ? Image.Create(header.Width, header.Height, format)
            : Image.CreateUninitialized(header.Width, header.Height, format);
        byte[] rows = ArrayPool<byte>.Shared.Rent(2 * ((int)rowBytes + 1));
        try
        {
            bool complete;
            fixed (byte* pinned = data)
            {
                using var compressed = new ImageDataStream(pinned, layout.ImageData);
                using var inflater = new ZLibStream(compressed, CompressionMode.Decompress);
                var reader = new PngRowReader(inflater, layout.EndsEarly, rows, header);
                complete = header.Interlaced ? ReadInterlaced(reader, converter, image) : ReadSequential(reader, converter, image);
                if (reader.RowsRead == 0)
                {
                    throw PngRowReader.NoCompleteRow();
                }
            }

            return new DecodedImage(image, ToInfo(layout), isTruncated: !complete);
        }
        catch
        {
            image.Dispose();
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rows);
        }
    }

    /// <summary>
    /// Reads the chunks and checks what every decode checks before a pixel is read: the limits, that there is image
    /// data, and that a row fits a buffer. Returns the layout, the output format and the bytes of one filtered row.
    /// </summary>
    public static PngChunkLayout Prepare(ReadOnlySpan<byte> data, ImageLimits limits, out PixelFormat format, out long rowBytes)
    {
        PngChunkLayout layout = PngChunkLayout.Read(data, headerOnly: false);
        PngHeader header = layout.Header;
        format = OutputFormat(layout);
        limits.EnsureWithin(header.Width, header.Height, format.BytesPerPixel());
        if (layout.ImageData.Count == 0)
        {
            throw layout.EndsEarly
                ? InvalidImageException.Truncated("The PNG file ends before its image data.")
                : InvalidImageException.Corrupt("The PNG file has no image data (IDAT).");
        }

        rowBytes = header.RowBytes(header.Width);
        if (rowBytes + 1 > Array.MaxLength / 2)
        {
            throw new InvalidImageException(InvalidImageReason.LimitExceeded, $"A PNG row of {rowBytes:N0} bytes is too long.");
        }

        return layout;
    }

    private static bool ReadSequential(PngRowReader reader, scoped PngRowConverter converter, Image image)
    {
        reader.StartPass(image.Width);
        for (int y = 0; y < image.Height; y++)
        {
            if (!reader.TryReadRow(out ReadOnlySpan<byte> row))
            {
                image.Pixels[(y * image.Stride)..].Clear();
                return false;
            }

            converter.Convert(row, image.Width, image.GetRow(y), step: 1);
        }

        return true;
    }

    private static bool ReadInterlaced(PngRowReader reader, scoped PngRowConverter converter, Image image)
    {
        int bpp = image.BytesPerPixel;
        for (int pass = 0; pass < Adam7.Passes; pass++)
        {
            var (x0, y0, stepX, stepY, width, height) = Adam7.Pass(pass, image.Width, image.Height);
            if (width == 0 || height == 0)
            {
                continue; // an empty pass has no bytes at all
            }

            reader.StartPass(width);
            for (int r = 0; r < height; r++)
            {
                if (!reader.TryReadRow(out ReadOnlySpan<byte> row))
                {
                    return false; // the image was created zeroed, so what is missing stays zero
                }

                converter.Convert(row, width, image.GetRow(y0 + (r * stepY))[(x0 * bpp)..], stepX);
            }
        }

        return true;
    }

    private static PixelFormat OutputFormat(PngChunkLayout layout) =>
        layout.Header.HasAlphaChannel || layout.HasTransparency ? PixelFormat.Rgba32 : PixelFormat.Rgb24;

    public static ImageInfo ToInfo(PngChunkLayout layout) => new()
    {
        Format = ImageFormat.Png,
        Width = layout.Header.Width,
        Height = layout.Header.Height,
        BitDepth = layout.Header.BitDepth,
        ColorType = layout.Header.ColorType switch
        {
            PngColorType.Gray => ColorType.Gray,
            PngColorType.GrayAlpha => ColorType.GrayAlpha,
            PngColorType.Rgb => ColorType.Rgb,
            PngColorType.Rgba => ColorType.Rgba,
            _ => ColorType.Palette,
        },
        Channels = layout.Header.Channels,
        HasAlpha = layout.Header.HasAlphaChannel || layout.HasTransparency,
        Interlaced = layout.Header.Interlaced,
        ExifOrientation = ExifReader.ReadOrientationFromPngExif(layout.Exif),
    };
}
