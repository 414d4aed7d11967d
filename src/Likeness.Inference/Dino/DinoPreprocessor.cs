using System.Numerics.Tensors;
using Likeness.Imaging;
using Likeness.Imaging.Tensors;
using Likeness.Inference.Vision;

namespace Likeness.Inference.Dino;

/// <summary>
/// Hugging Face's <c>BitImageProcessor</c> as configured for facebook/dinov2-*: the shorter side to 256 with PIL's
/// bicubic (longer side <c>int(256 · long / short)</c>), centre crop 224 at floor offsets, <c>(x / 255 - mean) / std</c>
/// (the 1/255 multiplied, in float32) with ImageNet's mean and std, into <c>[3, 224, 224]</c>.
/// </summary>
/// <param name="resizeTo">The shorter side after resizing (256).</param>
/// <param name="cropSize">The crop side (224; a multiple of the patch size).</param>
public sealed class DinoPreprocessor(int resizeTo = 256, int cropSize = 224)
{
    /// <summary>HF's <c>rescale_factor</c> 1/255, which it multiplies by in float32 (not a division by 255: the last bit differs).</summary>
    private const float RescaleFactor = 1f / 255f;

    private static readonly float[] Mean = [0.485f, 0.456f, 0.406f];
    private static readonly float[] Std = [0.229f, 0.224f, 0.225f];

    /// <summary>The shorter side after resizing.</summary>
    public int ResizeTo { get; } = resizeTo > 0 ? resizeTo : throw new ArgumentOutOfRangeException(nameof(resizeTo));

    /// <summary>The output side.</summary>
    public int CropSize { get; } = cropSize > 0 && cropSize <= resizeTo ? cropSize : throw new ArgumentOutOfRangeException(nameof(cropSize));

    /// <summary>Floats written per image.</summary>
    public int PixelCount => 3 * CropSize * CropSize;

    /// <summary>The crop's left and top for a resized image (HF's <c>(size - crop) // 2</c>).</summary>
    public (int Left, int Top) CropOrigin(int width, int height) => ((width - CropSize) / 2, (height - CropSize) / 2);

    /// <summary>Preprocesses <paramref name="image"/> into <paramref name="destination"/>; RGBA drops its alpha first, as HF's <c>convert_rgb</c> does before resizing.</summary>
    public void Preprocess(Image image, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Format == PixelFormat.Rgb24)
        {
            ResizeAndCenterCrop.Apply(image, ResizeTo, CropSize, CropOrigin, TensorNormalization.Identity, destination);
        }
        else
        {
            using Image rgb = image.ConvertTo(PixelFormat.Rgb24);
            ResizeAndCenterCrop.Apply(rgb, ResizeTo, CropSize, CropOrigin, TensorNormalization.Identity, destination);
        }

        // (x · (1/255) - mean) / std with ImageNet's mean and std, each step rounded to float32 as HF's numpy does.
        int plane = CropSize * CropSize;
        for (int c = 0; c < 3; c++)
        {
            Span<float> values = destination.Slice(c * plane, plane);
            TensorPrimitives.Multiply(values, RescaleFactor, values);
            TensorPrimitives.Subtract(values, Mean[c], values);
            TensorPrimitives.Divide(values, Std[c], values);
        }
    }

    /// <summary>Decodes any image file the imaging library reads (as stored: no EXIF rotation, like PIL's <c>open</c>) and preprocesses it.</summary>
    public float[] PreprocessFile(string path, DecodeOptions? options = null) => ResizeAndCenterCrop.File(path, options, PixelCount, Preprocess);
}
