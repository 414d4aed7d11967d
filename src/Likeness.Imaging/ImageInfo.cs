namespace Likeness.Imaging;

/// <summary>How the samples of a file are stored, as its header declares.</summary>
public enum ColorType
{
    /// <summary>One luminance channel.</summary>
    Gray,

    /// <summary>Luminance and alpha.</summary>
    GrayAlpha,

    /// <summary>Red, green, blue.</summary>
    Rgb,

    /// <summary>Red, green, blue, alpha.</summary>
    Rgba,

    /// <summary>Indices into a palette (PNG colour type 3).</summary>
    Palette,

    /// <summary>JPEG luma and chroma.</summary>
    YCbCr,

    /// <summary>JPEG CMYK (Adobe, usually inverted).</summary>
    Cmyk,

    /// <summary>JPEG YCbCr plus K (Adobe transform 2).</summary>
    Ycck,
}

/// <summary>What a file's header says about the image, read without decoding pixels.</summary>
public sealed record ImageInfo
{
    /// <summary>The container format, sniffed from the bytes.</summary>
    public required ImageFormat Format { get; init; }

    /// <summary>Width in pixels as stored (before any EXIF orientation).</summary>
    public required int Width { get; init; }

    /// <summary>Height in pixels as stored (before any EXIF orientation).</summary>
    public required int Height { get; init; }

    /// <summary>Bits per sample (1, 2, 4, 8 or 16).</summary>
    public required int BitDepth { get; init; }

    /// <summary>How the samples are stored.</summary>
    public required ColorType ColorType { get; init; }

    /// <summary>Number of stored channels (components).</summary>
    public int Channels { get; init; }

    /// <summary>True when the file carries transparency (an alpha channel or a PNG tRNS chunk).</summary>
    public bool HasAlpha { get; init; }

    /// <summary>JPEG: progressive (SOF2) rather than sequential.</summary>
    public bool Progressive { get; init; }

    /// <summary>PNG: Adam7 interlaced.</summary>
    public bool Interlaced { get; init; }

    /// <summary>WebP: true for a lossless (VP8L) bitstream, false for lossy (VP8); null for other formats.</summary>
    public bool? Lossless { get; init; }

    /// <summary>WebP: the file is an animation (its size is the canvas).</summary>
    public bool Animated { get; init; }

    /// <summary>JPEG chroma subsampling, e.g. "4:2:0"; null when not applicable.</summary>
    public string? ChromaSubsampling { get; init; }

    /// <summary>EXIF orientation tag (1 to 8; 1 when absent or invalid).</summary>
    public int ExifOrientation { get; init; } = 1;

    /// <summary>Width after applying <see cref="ExifOrientation"/>.</summary>
    public int OrientedWidth => ExifOrientation >= 5 ? Height : Width;

    /// <summary>Height after applying <see cref="ExifOrientation"/>.</summary>
    public int OrientedHeight => ExifOrientation >= 5 ? Width : Height;
}
