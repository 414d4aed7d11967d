namespace Likeness.Imaging;

/// <summary>
/// Bounds checked before any pixel memory is allocated, so that a tiny hostile file cannot make the decoder
/// allocate gigabytes (a "decompression bomb"). The defaults fit the largest camera and provider outputs.
/// </summary>
public sealed record ImageLimits
{
    /// <summary>Safe defaults: 30 000 px per side, 200 megapixels, 1 GiB of working memory.</summary>
    public static ImageLimits Default { get; } = new();

    /// <summary>Largest accepted width in pixels.</summary>
    public int MaxWidth { get; init; } = 30_000;

    /// <summary>Largest accepted height in pixels.</summary>
    public int MaxHeight { get; init; } = 30_000;

    /// <summary>Largest accepted pixel count (width × height).</summary>
    public long MaxPixels { get; init; } = 200_000_000;

    /// <summary>Largest working memory a single decode may allocate, in bytes (pixels plus codec buffers).</summary>
    public long MaxMemoryBytes { get; init; } = 1L << 30;

    /// <summary>Throws <see cref="InvalidImageException"/> unless the values are all positive.</summary>
    public void Validate()
    {
        if (MaxWidth <= 0 || MaxHeight <= 0 || MaxPixels <= 0 || MaxMemoryBytes <= 0)
        {
            throw new ArgumentException("Image limits must all be positive.");
        }
    }

    /// <summary>
    /// Refuses dimensions outside the limits, or whose decode would need more than <see cref="MaxMemoryBytes"/>
    /// given <paramref name="bytesPerPixel"/> bytes of working memory per pixel.
    /// </summary>
    public void EnsureWithin(long width, long height, double bytesPerPixel)
    {
        if (width <= 0 || height <= 0)
        {
            throw InvalidImageException.Corrupt($"The image has an invalid size ({width}x{height}).");
        }

        if (width > MaxWidth || height > MaxHeight)
        {
            throw new InvalidImageException(
                InvalidImageReason.LimitExceeded,
                $"The image is {width}x{height} pixels; the limit is {MaxWidth}x{MaxHeight}.");
        }

        long pixels = width * height;
        if (pixels > MaxPixels)
        {
            throw new InvalidImageException(
                InvalidImageReason.LimitExceeded,
                $"The image has {pixels:N0} pixels; the limit is {MaxPixels:N0}.");
        }

        double bytes = pixels * bytesPerPixel;
        if (bytes > MaxMemoryBytes)
        {
            throw new InvalidImageException(
                InvalidImageReason.LimitExceeded,
                $"Decoding this {width}x{height} image needs about {bytes / (1 << 20):N0} MiB; the limit is {MaxMemoryBytes / (1 << 20):N0} MiB.");
        }
    }
}
