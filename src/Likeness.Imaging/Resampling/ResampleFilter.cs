namespace Likeness.Imaging.Resampling;

/// <summary>
/// Reconstruction filters of <see cref="Resampler"/>, each identical to the Pillow filter of the same name
/// (<c>Image.Resampling</c>). All of them antialias when downscaling: the kernel is stretched by the scale.
/// </summary>
public enum ResampleFilter
{
    /// <summary>Pillow's <c>BOX</c>: each output pixel averages the input pixels it covers (support 0.5).</summary>
    Box,

    /// <summary>Pillow's <c>BILINEAR</c>: the triangle filter (support 1).</summary>
    Bilinear,

    /// <summary>Pillow's <c>HAMMING</c>: a Hamming-windowed sinc (support 1).</summary>
    Hamming,

    /// <summary>Pillow's <c>BICUBIC</c>: the cubic convolution kernel with a = -0.5 (support 2). CLIP's resize.</summary>
    Bicubic,

    /// <summary>Pillow's <c>LANCZOS</c>: sinc windowed by sinc, three lobes (support 3). Sharpest; for thumbnails.</summary>
    Lanczos3,
}
