namespace Likeness.Imaging.Codecs.WebP;

/// <summary>What a WebP file's RIFF chunks say about the image, read without decoding the bitstream.</summary>
/// <param name="Width">Canvas width in pixels.</param>
/// <param name="Height">Canvas height in pixels.</param>
/// <param name="Lossless">True for a VP8L bitstream (the first frame's, when animated), false for VP8.</param>
/// <param name="HasAlpha">True when the file declares transparency (VP8X alpha flag, or the VP8L alpha hint).</param>
/// <param name="Animated">True when the VP8X animation flag is set.</param>
/// <param name="BitstreamOffset">Where the still image's VP8 or VP8L payload starts in the file.</param>
/// <param name="BitstreamLength">Its length in bytes.</param>
internal sealed record WebPHeader(
    int Width,
    int Height,
    bool Lossless,
    bool HasAlpha,
    bool Animated,
    int BitstreamOffset,
    int BitstreamLength)
{
    /// <summary>The ALPH chunk that goes with a lossy image in an extended file (the last one before the image), if any.</summary>
    public RiffChunk? Alpha { get; init; }

    /// <summary>The EXIF orientation (1..8) from an extended file's EXIF chunk; 1 when there is none.</summary>
    public int ExifOrientation { get; init; } = 1;
}
