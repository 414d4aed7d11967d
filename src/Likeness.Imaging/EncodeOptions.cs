namespace Likeness.Imaging;

/// <summary>JPEG chroma subsampling choices for the encoder.</summary>
public enum JpegSubsampling
{
    /// <summary>Chroma at half resolution both ways (the usual choice for photos).</summary>
    Yuv420,

    /// <summary>Chroma at full resolution.</summary>
    Yuv444,
}

/// <summary>Options for <see cref="ImageEncoder"/>.</summary>
public sealed record EncodeOptions
{
    /// <summary>Defaults: JPEG quality 90 at 4:2:0.</summary>
    public static EncodeOptions Default { get; } = new();

    /// <summary>JPEG quality, 1 to 100 (IJG scaling of the standard tables).</summary>
    public int JpegQuality { get; init; } = 90;

    /// <summary>JPEG chroma subsampling.</summary>
    public JpegSubsampling JpegSubsampling { get; init; } = JpegSubsampling.Yuv420;

    /// <summary>PNG zlib compression level.</summary>
    public System.IO.Compression.CompressionLevel PngCompression { get; init; } = System.IO.Compression.CompressionLevel.Optimal;
}
