using System.Buffers;

namespace Likeness.Imaging;

/// <summary>
/// An 8-bit interleaved RGB or RGBA image whose pixels live in memory rented from <see cref="ArrayPool{T}"/>.
/// Rows are tightly packed (stride = width × bytes per pixel). Dispose it to return the memory.
/// </summary>
public sealed class Image : IDisposable
{
    private byte[]? _buffer;

    private Image(int width, int height, PixelFormat format, byte[] buffer)
    {
        Width = width;
        Height = height;
        Format = format;
        _buffer = buffer;
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Sample layout.</summary>
    public PixelFormat Format { get; }

    /// <summary>Bytes per pixel: 3 or 4.</summary>
    public int BytesPerPixel => (int)Format;

    /// <summary>Bytes per row.</summary>
    public int Stride => Width * BytesPerPixel;

    /// <summary>Total bytes of pixel data.</summary>
    public int ByteLength => Stride * Height;

    /// <summary>All pixel bytes, row after row.</summary>
    public Span<byte> Pixels => Buffer.AsSpan(0, ByteLength);

    private byte[] Buffer => _buffer ?? throw new ObjectDisposedException(nameof(Image));

    /// <summary>Creates an image with every byte zero (transparent black for RGBA).</summary>
    public static Image Create(int width, int height, PixelFormat format)
    {
        Image image = CreateUninitialized(width, height, format);
        image.Pixels.Clear();
        return image;
    }

    /// <summary>Creates an image and copies <paramref name="pixels"/> into it (interleaved, tightly packed rows).</summary>
    public static Image FromPixels(int width, int height, PixelFormat format, ReadOnlySpan<byte> pixels)
    {
        Image image = CreateUninitialized(width, height, format);
        if (pixels.Length != image.ByteLength)
        {
            image.Dispose();
            throw new ArgumentException(
                $"Expected {width}x{height}x{(int)format} = {(long)width * height * (int)format} bytes, got {pixels.Length}.",
                nameof(pixels));
        }

        pixels.CopyTo(image.Pixels);
        return image;
    }

    /// <summary>Creates an image whose pixel bytes are left as the pool hands them out; callers must write every byte.</summary>
    internal static Image CreateUninitialized(int width, int height, PixelFormat format)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        long length = (long)width * height * format.BytesPerPixel();
        if (length > Array.MaxLength)
        {
            throw new InvalidImageException(
                InvalidImageReason.LimitExceeded,
                $"A {width}x{height} image is larger than one buffer can hold.");
        }

        return new Image(width, height, format, ArrayPool<byte>.Shared.Rent((int)length));
    }

    /// <summary>The bytes of row <paramref name="y"/>.</summary>
    public Span<byte> GetRow(int y)
    {
        if ((uint)y >= (uint)Height)
        {
            throw new ArgumentOutOfRangeException(nameof(y), y, $"Row must be in [0, {Height}).");
        }

        return Buffer.AsSpan(y * Stride, Stride);
    }

    /// <summary>A deep copy.</summary>
    public Image Clone() => FromPixels(Width, Height, Format, Pixels);

    /// <summary>
    /// Converts to another pixel format: RGB to RGBA adds opaque alpha; RGBA to RGB drops alpha (as PIL's
    /// <c>convert("RGB")</c> does). Returns a new image; this one is unchanged.
    /// </summary>
    public Image ConvertTo(PixelFormat format)
    {
        if (format == Format)
        {
            return Clone();
        }

        Image result = CreateUninitialized(Width, Height, format);
        ReadOnlySpan<byte> src = Pixels;
        Span<byte> dst = result.Pixels;
        int pixels = Width * Height;
        if (format == PixelFormat.Rgba32)
        {
            for (int i = 0, s = 0, d = 0; i < pixels; i++, s += 3, d += 4)
            {
                dst[d] = src[s];
                dst[d + 1] = src[s + 1];
                dst[d + 2] = src[s + 2];
                dst[d + 3] = 255;
            }
        }
        else
        {
            for (int i = 0, s = 0, d = 0; i < pixels; i++, s += 4, d += 3)
            {
                dst[d] = src[s];
                dst[d + 1] = src[s + 1];
                dst[d + 2] = src[s + 2];
            }
        }

        return result;
    }

    /// <summary>Returns the pixel memory to the pool. Further use throws <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        byte[]? buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
