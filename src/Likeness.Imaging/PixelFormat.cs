namespace Likeness.Imaging;

/// <summary>Layout of the interleaved 8-bit samples of an <see cref="Image"/>.</summary>
public enum PixelFormat
{
    /// <summary>Three bytes per pixel: red, green, blue.</summary>
    Rgb24 = 3,

    /// <summary>Four bytes per pixel: red, green, blue, alpha (straight, not premultiplied).</summary>
    Rgba32 = 4,
}

/// <summary>Helpers for <see cref="PixelFormat"/>.</summary>
public static class PixelFormatExtensions
{
    /// <summary>Bytes per pixel of the format.</summary>
    public static int BytesPerPixel(this PixelFormat format) => format switch
    {
        PixelFormat.Rgb24 => 3,
        PixelFormat.Rgba32 => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown pixel format."),
    };
}
