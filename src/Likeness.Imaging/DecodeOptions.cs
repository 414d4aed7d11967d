namespace Likeness.Imaging;

/// <summary>Options for <see cref="ImageDecoder"/>.</summary>
public sealed record DecodeOptions
{
    /// <summary>Defaults: safe limits, orientation not applied.</summary>
    public static DecodeOptions Default { get; } = new();

    /// <summary>
    /// Safe limits with the EXIF orientation applied: the decode every path that looks at the picture's content (faces,
    /// CLIP, fingerprints) uses, so a phone photo tagged "rotated" is analysed the way it is shown.
    /// </summary>
    public static DecodeOptions Upright { get; } = new() { ApplyExifOrientation = true };

    /// <summary>Size and memory bounds checked before pixels are allocated.</summary>
    public ImageLimits Limits { get; init; } = ImageLimits.Default;

    /// <summary>Rotate/flip the pixels as the EXIF orientation tag says, so the image shows upright.</summary>
    public bool ApplyExifOrientation { get; init; }

    /// <summary>Largest input accepted, in bytes (checked before reading a file).</summary>
    public long MaxInputBytes { get; init; } = 256L << 20;
}
