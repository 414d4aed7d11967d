namespace Likeness.Imaging;

/// <summary>The result of decoding: the pixels, what the header said, and whether the data ended early.</summary>
public sealed class DecodedImage : IDisposable
{
    /// <summary>Creates the result; takes ownership of <paramref name="image"/>.</summary>
    public DecodedImage(Image image, ImageInfo info, bool isTruncated)
    {
        Image = image;
        Info = info;
        IsTruncated = isTruncated;
    }

    /// <summary>The decoded pixels (RGBA when the file has transparency, RGB otherwise).</summary>
    public Image Image { get; }

    /// <summary>The header facts.</summary>
    public ImageInfo Info { get; }

    /// <summary>
    /// True when the file ended before all pixels were present: what could be decoded is kept and the rest is
    /// filled (grey for JPEG, zero for PNG), as browsers and libjpeg do.
    /// </summary>
    public bool IsTruncated { get; }

    /// <summary>
    /// True for a progressive JPEG whose coefficients never all reached full precision: the file carries fewer
    /// scans than a full progression, or it is cut short before the last of them ends (then
    /// <see cref="IsTruncated"/> is true too). The picture is a coarser preview of the image. Where its first
    /// nine AC coefficients are not all final, it is smoothed across blocks as djpeg does (libjpeg-turbo 2.1's
    /// block smoothing), so the pixels still match djpeg's. False for every other image.
    /// </summary>
    public bool IsProgressionIncomplete { get; init; }

    /// <summary>Disposes the image.</summary>
    public void Dispose() => Image.Dispose();
}
