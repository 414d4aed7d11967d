namespace Likeness.Imaging;

/// <summary>Container formats Likeness recognises by their leading bytes.</summary>
public enum ImageFormat
{
    /// <summary>Not an image format we recognise.</summary>
    Unknown = 0,

    /// <summary>JPEG (JFIF/EXIF), baseline or progressive.</summary>
    Jpeg,

    /// <summary>PNG.</summary>
    Png,

    /// <summary>Netpbm binary graymap/pixmap (P5/P6).</summary>
    Pnm,

    /// <summary>WebP: still lossless and lossy images are decoded; animations are identified and refused.</summary>
    WebP,

    /// <summary>GIF: recognised and refused.</summary>
    Gif,

    /// <summary>BMP: recognised and refused.</summary>
    Bmp,

    /// <summary>TIFF: recognised and refused.</summary>
    Tiff,

    /// <summary>HEIF/HEIC/AVIF (ISO-BMFF): recognised and refused.</summary>
    Heif,

    /// <summary>JPEG XL: recognised and refused.</summary>
    JpegXl,

    /// <summary>JPEG 2000: recognised and refused.</summary>
    Jpeg2000,
}
